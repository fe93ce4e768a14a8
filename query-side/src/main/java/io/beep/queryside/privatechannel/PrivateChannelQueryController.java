package io.beep.queryside.privatechannel;

import io.beep.contracts.channel.ChannelView;
import io.beep.contracts.common.Page;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.contracts.common.Consistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** My DM and group channels. */
@RestController
class PrivateChannelQueryController {

    static final String VIEWS = "friendships";

    private final PrivateChannelReader channels;
    private final ReadConsistency consistency;

    PrivateChannelQueryController(PrivateChannelReader channels, ReadConsistency consistency) {
        this.channels = channels;
        this.consistency = consistency;
    }

    @Operation(summary = "The DM and group channels I am a recipient of, newest first, with their recipients.",
            description = "A DM stays listed after the friendship ends (its history stays readable). All in one "
                    + "page (nextCursor is always null).")
    @GetMapping("/api/v1/users/@me/channels")
    Page<ChannelView> mine(@RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        return Page.of(channels.of(user.value()), null);
    }
}
