package io.beep.gateway.realtime.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One small mapper per event type, from the event record (JSON, as published on
 * {@code beep.events.v1}) to DISPATCH types and shapes of docs/api.md. Types without a mapper
 * cause no dispatch (their permission effects still apply).
 */
final class EventMappers {

    private final ObjectMapper json;
    private final MessageCache messages = new MessageCache();
    private final Map<String, EventMapper> byType = new HashMap<>();

    EventMappers(ObjectMapper json) {
        this.json = json;
        byType.put("MessageSentEvent", this::messageSent);
        byType.put("MessageEditedEvent", this::messageEdited);
        byType.put("MessageDeletedEvent", this::messageDeleted);
        byType.put("MessagePinnedEvent", (event, server) -> messagePin(event, server, true));
        byType.put("MessageUnpinnedEvent", (event, server) -> messagePin(event, server, false));
        byType.put("MessageAttachmentsAddedEvent", this::messageAttachments);
        byType.put("MessageSentByWebhookEvent", this::messageByWebhook);
        byType.put("ChannelCreatedEvent", this::channelCreated);
        byType.put("ChannelUpdatedEvent", this::channelUpdated);
        byType.put("DmChannelCreatedEvent", this::dmCreated);
        byType.put("GroupChannelCreatedEvent", this::groupCreated);
        byType.put("ServerCreatedEvent", this::serverCreated);
        byType.put("ServerUpdatedEvent", this::serverUpdated);
        byType.put("ServerDeletedEvent", this::serverDeleted);
        byType.put("MemberJoinedEvent", this::memberJoined);
        byType.put("MemberLeftEvent", this::memberRemoved);
        byType.put("MemberKickedEvent", this::memberRemoved);
        byType.put("MemberBannedEvent", this::memberRemoved);
        byType.put("RoleCreatedEvent", (event, server) -> role(event, "ROLE_CREATE"));
        byType.put("RoleUpdatedEvent", (event, server) -> role(event, "ROLE_UPDATE"));
        byType.put("RoleDeletedEvent", this::roleDeleted);
        byType.put("MemberNicknameChangedEvent", (event, server) -> memberField(event, "nickname", event.text("nickname")));
        byType.put("MemberMutedEvent", (event, server) -> memberField(event, "mutedUntil", event.text("mutedUntil")));
        byType.put("MemberUnmutedEvent", (event, server) -> memberField(event, "mutedUntil", null));
        byType.put("RoleAssignedEvent", (event, server) -> memberRoles(event, "addedRoleId"));
        byType.put("RoleRemovedEvent", (event, server) -> memberRoles(event, "removedRoleId"));
        byType.put("FriendRequestSentEvent", (event, server) -> friendRequest(event, "FRIEND_REQUEST_CREATE", "pending"));
        byType.put("FriendRequestAcceptedEvent", (event, server) -> friendRequest(event, "FRIEND_REQUEST_UPDATE", "accepted"));
        byType.put("FriendRequestDeclinedEvent", (event, server) -> friendRequest(event, "FRIEND_REQUEST_UPDATE", "declined"));
        byType.put("FriendRequestCancelledEvent", (event, server) -> friendRequest(event, "FRIEND_REQUEST_DELETE", "cancelled"));
    }

    /** The mapper of an event type, or null. */
    EventMapper forType(String type) {
        return byType.get(type);
    }

    private List<Dispatch> messageSent(StreamEvent event, String serverId) {
        var message = json.createObjectNode();
        message.put("id", event.text("messageId"));
        message.put("channelId", event.text("channelId"));
        message.put("serverId", serverId);
        message.put("authorId", event.text("authorId"));
        message.put("content", event.text("content"));
        message.put("createdAt", event.text("sentAt"));
        message.putNull("editedAt");
        message.put("pinned", false);
        var type = event.text("type");
        message.put("type", type == null ? "default" : type.toLowerCase(Locale.ROOT));
        message.putArray("attachments");
        message.put("replyTo", event.text("replyTo"));
        message.put("nonce", event.text("nonce"));
        messages.put(message);
        return List.of(new Dispatch("MESSAGE_CREATE", message, viewers(event, serverId)));
    }

    private List<Dispatch> messageEdited(StreamEvent event, String serverId) {
        var message = known(event, serverId);
        message.put("content", event.text("content"));
        message.put("editedAt", event.text("editedAt"));
        messages.put(message.deepCopy());
        return List.of(new Dispatch("MESSAGE_UPDATE", message, viewers(event, serverId)));
    }

    private List<Dispatch> messageDeleted(StreamEvent event, String serverId) {
        messages.remove(event.text("messageId"));
        var deleted = json.createObjectNode();
        deleted.put("id", event.text("messageId"));
        deleted.put("channelId", event.text("channelId"));
        deleted.put("serverId", serverId);
        return List.of(new Dispatch("MESSAGE_DELETE", deleted, viewers(event, serverId)));
    }

    private List<Dispatch> messagePin(StreamEvent event, String serverId, boolean pinned) {
        var message = known(event, serverId);
        message.put("pinned", pinned);
        messages.put(message.deepCopy());
        return List.of(new Dispatch("MESSAGE_PIN", message, viewers(event, serverId)));
    }

    /** Files sent with a message: MESSAGE_UPDATE with their metadata (download links come from GET /attachments/{id}). */
    private List<Dispatch> messageAttachments(StreamEvent event, String serverId) {
        var message = known(event, serverId);
        var attachments = message.putArray("attachments");
        event.payload().path("attachments").forEach(file -> attachments.addObject()
                .put("id", file.path("id").asText())
                .put("filename", file.path("filename").asText())
                .put("size", file.path("size").asLong())
                .put("contentType", file.path("contentType").asText()));
        messages.put(message.deepCopy());
        return List.of(new Dispatch("MESSAGE_UPDATE", message, viewers(event, serverId)));
    }

    /** A message posted through a webhook: MESSAGE_UPDATE naming the webhook and the name it shows. */
    private List<Dispatch> messageByWebhook(StreamEvent event, String serverId) {
        var message = known(event, serverId);
        message.put("webhookId", event.text("webhookId"));
        message.put("authorName", event.text("displayName"));
        messages.put(message.deepCopy());
        return List.of(new Dispatch("MESSAGE_UPDATE", message, viewers(event, serverId)));
    }

    /** The cached message, or the fields every message event carries. */
    private ObjectNode known(StreamEvent event, String serverId) {
        var message = messages.copy(event.text("messageId"));
        if (message == null) {
            message = json.createObjectNode();
            message.put("id", event.text("messageId"));
            message.put("channelId", event.text("channelId"));
            message.put("serverId", serverId);
        }
        return message;
    }

    private List<Dispatch> channelCreated(StreamEvent event, String serverId) {
        var channel = channel(event.text("channelId"), serverId, event.text("type"), event.text("name"));
        channel.put("parentId", event.text("parentId"));
        channel.put("createdAt", event.text("createdAt"));
        return List.of(new Dispatch("CHANNEL_CREATE", channel, viewers(event, serverId)));
    }

    private List<Dispatch> channelUpdated(StreamEvent event, String serverId) {
        var channel = json.createObjectNode();
        channel.put("id", event.text("channelId"));
        channel.put("serverId", serverId);
        channel.put("name", event.text("name"));
        channel.put("parentId", event.text("parentId"));
        return List.of(new Dispatch("CHANNEL_UPDATE", channel, viewers(event, serverId)));
    }

    private List<Dispatch> dmCreated(StreamEvent event, String serverId) {
        var channel = channel(event.text("channelId"), null, "dm", null);
        channel.putNull("parentId");
        channel.putArray("recipientIds").add(event.text("userA")).add(event.text("userB"));
        channel.put("createdAt", event.text("createdAt"));
        return List.of(new Dispatch("CHANNEL_CREATE", channel, viewers(event, null)));
    }

    private List<Dispatch> groupCreated(StreamEvent event, String serverId) {
        var channel = channel(event.text("channelId"), null, "group", event.text("name"));
        channel.putNull("parentId");
        var recipients = channel.putArray("recipientIds");
        recipients.add(event.text("ownerId"));
        event.payload().path("recipientIds").forEach(id -> recipients.add(id.asText()));
        channel.put("ownerId", event.text("ownerId"));
        channel.put("createdAt", event.text("createdAt"));
        return List.of(new Dispatch("CHANNEL_CREATE", channel, viewers(event, null)));
    }

    private ObjectNode channel(String id, String serverId, String type, String name) {
        var channel = json.createObjectNode();
        channel.put("id", id);
        channel.put("serverId", serverId);
        channel.put("type", type == null ? "text" : type.toLowerCase(Locale.ROOT));
        channel.put("name", name);
        return channel;
    }

    private List<Dispatch> serverCreated(StreamEvent event, String serverId) {
        var server = server(event);
        server.put("ownerId", event.text("ownerId"));
        server.put("memberCount", 1);
        server.put("createdAt", event.text("createdAt"));
        return List.of(new Dispatch("SERVER_CREATE", server, new ServerMembers(event.text("serverId"))));
    }

    private List<Dispatch> serverUpdated(StreamEvent event, String serverId) {
        return List.of(new Dispatch("SERVER_UPDATE", server(event), new ServerMembers(event.text("serverId"))));
    }

    private ObjectNode server(StreamEvent event) {
        var server = json.createObjectNode();
        server.put("id", event.text("serverId"));
        server.put("name", event.text("name"));
        server.put("description", event.text("description"));
        var visibility = event.text("visibility");
        server.put("visibility", visibility == null ? null : visibility.toLowerCase(Locale.ROOT));
        return server;
    }

    private List<Dispatch> serverDeleted(StreamEvent event, String serverId) {
        var deleted = json.createObjectNode();
        deleted.put("id", event.text("serverId"));
        return List.of(new Dispatch("SERVER_DELETE", deleted, new UserList(users(event.payload().path("memberIds")))));
    }

    private List<Dispatch> memberJoined(StreamEvent event, String serverId) {
        var member = json.createObjectNode();
        member.put("serverId", event.text("serverId"));
        member.put("userId", event.text("userId"));
        member.putNull("nickname");
        member.putArray("roleIds");
        member.putNull("mutedUntil");
        member.put("joinedAt", event.text("joinedAt"));
        return List.of(new Dispatch("MEMBER_ADD", member, new ServerMembers(event.text("serverId"))));
    }

    private List<Dispatch> memberRemoved(StreamEvent event, String serverId) {
        var member = json.createObjectNode();
        member.put("serverId", event.text("serverId"));
        member.put("userId", event.text("userId"));
        return List.of(new Dispatch("MEMBER_REMOVE", member, new ServerMembers(event.text("serverId"))));
    }

    private List<Dispatch> memberRoles(StreamEvent event, String field) {
        var member = json.createObjectNode();
        member.put("serverId", event.text("serverId"));
        member.put("userId", event.text("userId"));
        member.put(field, event.text("roleId"));
        return List.of(new Dispatch("MEMBER_UPDATE", member, new ServerMembers(event.text("serverId"))));
    }

    /** A member's nickname or mute changed: MEMBER_UPDATE with that field (null: cleared). */
    private List<Dispatch> memberField(StreamEvent event, String field, String value) {
        var member = json.createObjectNode();
        member.put("serverId", event.text("serverId"));
        member.put("userId", event.text("userId"));
        member.put(field, value);
        return List.of(new Dispatch("MEMBER_UPDATE", member, new ServerMembers(event.text("serverId"))));
    }

    private List<Dispatch> role(StreamEvent event, String type) {
        var role = json.createObjectNode();
        role.put("id", event.text("roleId"));
        role.put("serverId", event.text("serverId"));
        role.put("name", event.text("name"));
        var permissions = role.putArray("permissions");
        event.payload().path("permissions").forEach(permission -> permissions.add(permission.asText()));
        return List.of(new Dispatch(type, role, new ServerMembers(event.text("serverId"))));
    }

    private List<Dispatch> roleDeleted(StreamEvent event, String serverId) {
        var role = json.createObjectNode();
        role.put("id", event.text("roleId"));
        role.put("serverId", event.text("serverId"));
        return List.of(new Dispatch("ROLE_DELETE", role, new ServerMembers(event.text("serverId"))));
    }

    private List<Dispatch> friendRequest(StreamEvent event, String type, String status) {
        var request = json.createObjectNode();
        request.put("id", event.text("requestId"));
        request.put("fromUserId", event.text("fromUserId"));
        request.put("toUserId", event.text("toUserId"));
        request.put("status", status);
        var parties = new LinkedHashSet<String>();
        parties.add(event.text("fromUserId"));
        parties.add(event.text("toUserId"));
        parties.remove(null);
        return List.of(new Dispatch(type, request, new UserList(parties)));
    }

    private static ChannelViewers viewers(StreamEvent event, String serverId) {
        return new ChannelViewers(serverId, event.text("channelId"));
    }

    private static Set<String> users(JsonNode ids) {
        var users = new LinkedHashSet<String>();
        ids.forEach(id -> users.add(id.asText()));
        return users;
    }
}
