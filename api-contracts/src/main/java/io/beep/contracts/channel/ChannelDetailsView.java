package io.beep.contracts.channel;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * A channel with its permission overwrites, as shown to those who may manage the channel or its
 * permissions: every field of {@link ChannelView} plus {@code permissionOverwrites}.
 */
public record ChannelDetailsView(@JsonUnwrapped ChannelView channel, List<PermissionOverwriteView> permissionOverwrites) {
}
