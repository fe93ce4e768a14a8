package io.beep.queryside.friendship;

import io.beep.contracts.common.Page;
import io.beep.contracts.friendship.FriendRequestView;
import io.beep.contracts.friendship.FriendView;
import io.beep.queryside.platform.consistency.ReadConsistency;
import io.beep.contracts.common.Consistency;
import io.beep.queryside.platform.web.CurrentUser;
import io.beep.contracts.common.DomainException;
import io.beep.queryside.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** My friends and my pending friend requests; everyone sees only their own. */
@RestController
class FriendQueryController {

    static final String VIEWS = "friendships";

    private final FriendReader friends;
    private final ReadConsistency consistency;

    FriendQueryController(FriendReader friends, ReadConsistency consistency) {
        this.friends = friends;
        this.consistency = consistency;
    }

    @Operation(summary = "My friends, oldest friendship first, each with our DM channel.",
            description = "All of them in one page (nextCursor is always null).")
    @GetMapping("/api/v1/friends")
    Page<FriendView> friends(@RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        return Page.of(friends.friendsOf(user.value()), null);
    }

    @Operation(summary = "My pending friend requests: incoming (to me), outgoing (from me), or both when "
            + "direction is absent. Oldest first; paged with limit and cursor.")
    @GetMapping("/api/v1/friends/requests")
    Page<FriendRequestView> requests(@RequestParam(required = false) String direction,
                                     @RequestParam(required = false) String limit,
                                     @RequestParam(required = false) String cursor,
                                     @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var user = CurrentUser.id();
        boolean incoming = direction == null || direction.equals("incoming");
        boolean outgoing = direction == null || direction.equals("outgoing");
        if (!incoming && !outgoing) {
            throw DomainException.invalid("direction must be incoming or outgoing");
        }
        int size = Paging.limit(limit);
        var after = Paging.keyOf(cursor);
        consistency.awaitViews(Consistency.parse(token), VIEWS);
        var items = friends.pending(user.value(), incoming, outgoing, after, size + 1);
        String next = null;
        if (items.size() > size) {
            items = items.subList(0, size);
            next = Paging.cursorAfter(Long.parseLong(items.get(size - 1).id()));
        }
        return Page.of(items, next);
    }
}
