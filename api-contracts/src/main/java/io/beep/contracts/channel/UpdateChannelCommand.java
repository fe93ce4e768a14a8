package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rename a server channel, move it into or out of a category, or give it a place in the channel list.
 * A null {@code name} keeps the name; {@code moveParent} says whether {@code parentId} applies (null
 * then means no category); a null {@code position} keeps the place. The caller has checked that
 * {@code parentId} is a category of the same server.
 */
public record UpdateChannelCommand(@TargetAggregateIdentifier ChannelId channelId, String name, boolean moveParent,
                                   ChannelId parentId, Integer position, UserId updatedBy) {

    /** A rename or move that keeps the channel's place in the list. */
    public UpdateChannelCommand(ChannelId channelId, String name, boolean moveParent, ChannelId parentId,
                                UserId updatedBy) {
        this(channelId, name, moveParent, parentId, null, updatedBy);
    }
}
