package io.beep.contracts.channel;

import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Rename a server channel or move it into or out of a category. A null {@code name} keeps the name;
 * {@code moveParent} says whether {@code parentId} applies (null then means no category). The caller
 * has checked that {@code parentId} is a category of the same server.
 */
public record UpdateChannelCommand(@TargetAggregateIdentifier ChannelId channelId, String name, boolean moveParent,
                                   ChannelId parentId, UserId updatedBy) {
}
