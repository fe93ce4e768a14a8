package io.beep.command.channel;

import com.fasterxml.jackson.databind.JsonNode;
import io.beep.command.platform.authz.AuthzSync;
import io.beep.command.platform.authz.Authorizer;
import io.beep.command.platform.authz.Authorizer.Resource;
import io.beep.command.platform.axon.EventPositions;
import io.beep.command.platform.web.CurrentUser;
import io.beep.command.platform.web.Ids;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.channel.ChannelUpdatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.channel.ChannelView;
import io.beep.contracts.channel.DeleteChannelCommand;
import io.beep.contracts.channel.UpdateChannelCommand;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.Consistency;
import io.beep.contracts.common.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Renaming, moving and deleting server channels over REST (MANAGE_CHANNELS on the channel). */
@RestController
class ChannelManageController {

    private static final Set<String> FIELDS = Set.of("name", "parentId", "position");

    private final CommandGateway commands;
    private final Authorizer authorizer;
    private final ChannelDirectory directory;
    private final EventPositions positions;
    private final AuthzSync authzSync;
    private final EventStore eventStore;

    ChannelManageController(CommandGateway commands, Authorizer authorizer, ChannelDirectory directory,
                            EventPositions positions, AuthzSync authzSync, EventStore eventStore) {
        this.commands = commands;
        this.authorizer = authorizer;
        this.directory = directory;
        this.positions = positions;
        this.authzSync = authzSync;
        this.eventStore = eventStore;
    }

    @Operation(summary = "Rename a server channel, move it into a category of its server (parentId; null takes "
            + "it out) or give it a place in the server's channel list (position, an integer >= 0; lists order by "
            + "position, then id). MANAGE_CHANNELS on the channel; absent fields stay.")
    @PatchMapping("/api/v1/channels/{channelId}")
    ResponseEntity<ChannelView> update(@PathVariable String channelId, @RequestBody JsonNode body,
                                       @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var facts = authorized(channelId, token);
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw DomainException.invalid("send a JSON object with " + FIELDS);
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw DomainException.invalid("unknown field " + name + "; expected " + FIELDS);
            }
        });
        String name = null;
        if (body.has("name")) {
            if (!body.get("name").isTextual()) {
                throw DomainException.invalid("name must be a string");
            }
            name = body.get("name").asText();
        }
        Integer position = null;
        if (body.has("position")) {
            var value = body.get("position");
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
                throw DomainException.invalid("position must be an integer from 0 to " + Integer.MAX_VALUE);
            }
            position = value.intValue();
        }
        boolean move = body.has("parentId");
        ChannelId parent = null;
        if (move && !body.get("parentId").isNull()) {
            parent = category(facts, body.get("parentId"));
        }
        if (!move) {
            var current = currentParent(facts.channelId());
            // a channel whose category was deleted is outside any category from then on
            move = current != null && facts.type() != ChannelType.THREAD && deleted(current);
        }
        ChannelView view = commands.sendAndWait(new UpdateChannelCommand(facts.channelId(), name, move, parent,
                position, CurrentUser.id()));
        return ResponseEntity.ok().header(Consistency.HEADER, Long.toString(settle(facts.channelId()))).body(view);
    }

    @Operation(summary = "Delete a server channel (MANAGE_CHANNELS on the channel); its threads go with it, "
            + "channels of a deleted category stay without one.")
    @DeleteMapping("/api/v1/channels/{channelId}")
    ResponseEntity<Void> delete(@PathVariable String channelId,
                                @RequestHeader(value = Consistency.HEADER, required = false) String token) {
        var facts = authorized(channelId, token);
        commands.sendAndWait(new DeleteChannelCommand(facts.channelId(), CurrentUser.id()));
        return ResponseEntity.noContent().header(Consistency.HEADER, Long.toString(settle(facts.channelId())))
                .build();
    }

    private ChannelDirectory.ChannelFacts authorized(String channelId, String token) {
        var channel = ChannelId.of(Ids.snowflake(channelId));
        var facts = directory.find(channel).orElseThrow(() -> DomainException.notFound("channel"));
        if (facts.serverId() == null) {
            throw DomainException.notFound("channel");
        }
        authorizer.require(Resource.channel(channel.value()), "manage_channel", CurrentUser.id(),
                Consistency.parse(token));
        return facts;
    }

    /** The parentId of a PATCH: a live category of the channel's own server, else 400. */
    private ChannelId category(ChannelDirectory.ChannelFacts channel, JsonNode value) {
        var invalid = DomainException.invalid("parentId must be a category of this server");
        if (!value.isTextual() || !value.asText().chars().allMatch(Character::isDigit) || value.asText().isEmpty()
                || value.asText().length() > 19) {
            throw invalid;
        }
        var parent = directory.find(ChannelId.of(value.asText()))
                .filter(f -> channel.serverId().equals(f.serverId()) && f.type() == ChannelType.CATEGORY)
                .orElseThrow(() -> invalid);
        if (deleted(parent.channelId())) {
            throw invalid;
        }
        return parent.channelId();
    }

    /** The category (or, for a thread, the channel) the channel's own events last put it in. */
    private ChannelId currentParent(ChannelId channel) {
        ChannelId parent = null;
        for (var payload : eventStore.readEvents(channel.value()).asStream().map(m -> m.getPayload()).toList()) {
            if (payload instanceof ChannelCreatedEvent created) {
                parent = created.parentId();
            } else if (payload instanceof ChannelUpdatedEvent updated) {
                parent = updated.parentId();
            }
        }
        return parent;
    }

    private boolean deleted(ChannelId channel) {
        var last = eventStore.lastSequenceNumberFor(channel.value());
        return last.isPresent() && eventStore.readEvents(channel.value(), last.get()).asStream()
                .anyMatch(m -> m.getPayload() instanceof ChannelDeletedEvent);
    }

    private long settle(ChannelId channel) {
        long position = positions.latestOf(channel.value());
        authzSync.awaitPosition(position);
        return position;
    }
}
