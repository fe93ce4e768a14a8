package io.beep.command.server;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.beep.contracts.common.DomainException;
import io.beep.command.platform.web.Require;
import io.beep.contracts.common.ErrorCode;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.Snowflake;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.AcceptInviteCommand;
import io.beep.contracts.server.CreateInviteCommand;
import io.beep.contracts.server.DeclineInviteCommand;
import io.beep.contracts.server.ExpireMuteCommand;
import io.beep.contracts.server.InviteCreatedEvent;
import io.beep.contracts.server.InviteDeclinedEvent;
import io.beep.contracts.server.InviteRevokedEvent;
import io.beep.contracts.server.InviteUsedEvent;
import io.beep.contracts.server.InviteView;
import io.beep.contracts.server.MemberMutedEvent;
import io.beep.contracts.server.MemberNicknameChangedEvent;
import io.beep.contracts.server.MemberUnmutedEvent;
import io.beep.contracts.server.MemberView;
import io.beep.contracts.server.RevokeInviteCommand;
import io.beep.contracts.server.UpdateMemberCommand;
import java.time.Duration;
import io.beep.contracts.server.AssignRoleCommand;
import io.beep.contracts.server.BanMemberCommand;
import io.beep.contracts.server.CheckOverwriteTargetCommand;
import io.beep.contracts.channel.OverwriteTargetType;
import io.beep.contracts.server.CreateRoleCommand;
import io.beep.contracts.server.CreateServerCommand;
import io.beep.contracts.server.DeleteRoleCommand;
import io.beep.contracts.server.DeleteServerCommand;
import io.beep.contracts.server.JoinServerCommand;
import io.beep.contracts.server.KickMemberCommand;
import io.beep.contracts.server.LeaveServerCommand;
import io.beep.contracts.server.MemberBannedEvent;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberKickedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.MemberUnbannedEvent;
import io.beep.contracts.server.RemoveRoleCommand;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.RoleDeletedEvent;
import io.beep.contracts.server.RoleRemovedEvent;
import io.beep.contracts.server.RoleUpdatedEvent;
import io.beep.contracts.server.RoleView;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.contracts.server.ServerUpdatedEvent;
import io.beep.contracts.server.ServerView;
import io.beep.contracts.server.UnbanMemberCommand;
import io.beep.contracts.server.UpdateRoleCommand;
import io.beep.contracts.server.UpdateServerCommand;
import io.beep.contracts.server.Visibility;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A server: its settings, members, bans and roles. Who may ask for a change is checked against the
 * authorization server before the command is sent; this aggregate keeps the rules that hold whoever
 * asks (the owner stays, bans refuse joins, the everyone role is permanent) and, through
 * {@link ServerMemberships}, the 50-server limit.
 *
 * <p>Loaded from a snapshot plus the events after it, and kept in a per-JVM cache
 * ({@link ServerRepositoryConfig}). A snapshot is the JSON of these fields at {@link #SNAPSHOT_REVISION}:
 * raise it whenever a field is added, removed or changes meaning.
 */
@Aggregate(snapshotTriggerDefinition = "serverSnapshotTrigger", cache = "serverCache",
        snapshotFilter = "serverSnapshotFilter")
@Revision(Server.SNAPSHOT_REVISION)
class Server {

    /** The shape of this class's fields in snapshots. */
    static final String SNAPSHOT_REVISION = "1";

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_ROLES = 250;
    static final int MAX_ROLE_NAME = 100;
    static final int MAX_BAN_REASON = 512;
    static final int MAX_NICKNAME = 32;
    static final int MAX_INVITE_USES = 100;
    static final long MAX_INVITE_AGE_SECONDS = Duration.ofDays(7).toSeconds();
    static final Duration MAX_MUTE = Duration.ofDays(28);

    @AggregateIdentifier
    private ServerId serverId;
    private UserId ownerId;
    private String name;
    private String description;
    private Visibility visibility;
    private RoleId everyoneRoleId;
    private boolean deleted;
    private final Map<UserId, Set<RoleId>> members = new HashMap<>();
    private final Set<UserId> banned = new HashSet<>();
    private final Map<RoleId, RoleState> roles = new LinkedHashMap<>();
    private final Map<UserId, Instant> joinedAt = new HashMap<>();
    private final Map<UserId, String> nicknames = new HashMap<>();
    private final Map<UserId, Instant> mutedUntil = new HashMap<>();
    private final Map<String, InviteState> invites = new HashMap<>();

    Server() {
    }

    @CommandHandler
    Server(CreateServerCommand command, ServerMemberships memberships) {
        var name = Require.name("name", command.name(), MAX_NAME);
        var description = Require.optionalText("description", command.description(), MAX_DESCRIPTION);
        Require.present("visibility", command.visibility());
        Require.present("ownerId", command.ownerId());
        memberships.reserve(command.ownerId(), command.serverId());
        apply(new ServerCreatedEvent(command.serverId(), name, description == null ? "" : description,
                command.visibility(), command.ownerId(), command.everyoneRoleId(),
                Permission.everyoneDefaults(), command.defaultChannelId(), Snowflake.timeOf(command.serverId().value())));
    }

    @CommandHandler
    ServerView handle(JoinServerCommand command, ServerMemberships memberships) {
        requireExists();
        if (visibility != Visibility.PUBLIC) {
            throw DomainException.notFound("server");
        }
        if (banned.contains(command.userId())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "you are banned from this server");
        }
        if (!members.containsKey(command.userId())) {
            memberships.reserve(command.userId(), serverId);
            apply(new MemberJoinedEvent(serverId, command.userId(), Instant.now()));
        }
        return view();
    }

    @CommandHandler
    void handle(LeaveServerCommand command, ServerMemberships memberships) {
        requireExists();
        requireMember(command.userId());
        if (command.userId().equals(ownerId)) {
            throw new DomainException(ErrorCode.OWNER_CANNOT_LEAVE,
                    "the owner cannot leave their server; delete it instead");
        }
        memberships.release(command.userId(), serverId);
        apply(new MemberLeftEvent(serverId, command.userId(), Set.copyOf(members.get(command.userId()))));
    }

    @CommandHandler
    void handle(KickMemberCommand command, ServerMemberships memberships) {
        requireExists();
        requireMember(command.userId());
        requireNotOwnerNorSelf(command.userId(), command.kickedBy(), "kick");
        memberships.release(command.userId(), serverId);
        apply(new MemberKickedEvent(serverId, command.userId(), command.kickedBy(),
                Set.copyOf(members.get(command.userId()))));
    }

    @CommandHandler
    void handle(BanMemberCommand command, ServerMemberships memberships) {
        requireExists();
        requireNotOwnerNorSelf(command.userId(), command.bannedBy(), "ban");
        var reason = Require.optionalText("reason", command.reason(), MAX_BAN_REASON);
        if (banned.contains(command.userId())) {
            return;
        }
        var roleIds = members.get(command.userId());
        if (roleIds != null) {
            memberships.release(command.userId(), serverId);
        }
        apply(new MemberBannedEvent(serverId, command.userId(), command.bannedBy(), reason == null ? "" : reason,
                roleIds != null, roleIds == null ? Set.of() : Set.copyOf(roleIds), Instant.now()));
    }

    @CommandHandler
    void handle(UnbanMemberCommand command) {
        requireExists();
        if (!banned.contains(command.userId())) {
            throw DomainException.notFound("ban");
        }
        apply(new MemberUnbannedEvent(serverId, command.userId(), command.unbannedBy()));
    }

    @CommandHandler
    ServerView handle(UpdateServerCommand command) {
        requireExists();
        var newName = command.name() == null ? name : Require.name("name", command.name(), MAX_NAME);
        var newDescription = command.description() == null ? description
                : Require.optionalText("description", command.description(), MAX_DESCRIPTION);
        var newVisibility = command.visibility() == null ? visibility : command.visibility();
        apply(new ServerUpdatedEvent(serverId, newName, newDescription, newVisibility, command.updatedBy()));
        return view();
    }

    @CommandHandler
    void handle(DeleteServerCommand command, ServerMemberships memberships) {
        requireExists();
        memberships.releaseAll(serverId);
        apply(new ServerDeletedEvent(serverId, command.deletedBy(), Set.copyOf(members.keySet()),
                Set.copyOf(roles.keySet())));
    }

    @CommandHandler
    RoleView handle(CreateRoleCommand command) {
        requireExists();
        var roleName = Require.name("name", command.name(), MAX_ROLE_NAME);
        var permissions = permissionsOf(command.permissions());
        if (roles.size() >= MAX_ROLES) {
            throw DomainException.invalid("a server has at most " + MAX_ROLES + " roles");
        }
        if (!roles.containsKey(command.roleId())) {
            apply(new RoleCreatedEvent(serverId, command.roleId(), roleName, permissions, command.createdBy()));
        }
        return roleView(command.roleId());
    }

    @CommandHandler
    RoleView handle(UpdateRoleCommand command) {
        requireExists();
        var role = requireRole(command.roleId());
        if (command.name() != null && command.roleId().equals(everyoneRoleId)) {
            throw DomainException.invalid("the everyone role cannot be renamed");
        }
        var roleName = command.name() == null ? role.name() : Require.name("name", command.name(), MAX_ROLE_NAME);
        var permissions = command.permissions() == null ? role.permissions() : permissionsOf(command.permissions());
        apply(new RoleUpdatedEvent(serverId, command.roleId(), roleName, permissions, command.updatedBy()));
        return roleView(command.roleId());
    }

    @CommandHandler
    void handle(DeleteRoleCommand command) {
        requireExists();
        var role = requireRole(command.roleId());
        if (command.roleId().equals(everyoneRoleId)) {
            throw DomainException.invalid("the everyone role cannot be deleted");
        }
        apply(new RoleDeletedEvent(serverId, command.roleId(), command.deletedBy(), role.name()));
    }

    @CommandHandler
    void handle(AssignRoleCommand command) {
        requireExists();
        requireRole(command.roleId());
        requireMember(command.userId());
        if (command.roleId().equals(everyoneRoleId)) {
            throw DomainException.invalid("every member has the everyone role");
        }
        if (!members.get(command.userId()).contains(command.roleId())) {
            apply(new RoleAssignedEvent(serverId, command.roleId(), command.userId(), command.assignedBy()));
        }
    }

    /** Whether the target of a channel overwrite is the everyone role; 404 unless it is a role or member here. */
    @CommandHandler
    boolean handle(CheckOverwriteTargetCommand command) {
        requireExists();
        if (command.targetType() == OverwriteTargetType.MEMBER) {
            requireMember(UserId.of(command.targetId()));
            return false;
        }
        var role = RoleId.of(command.targetId());
        requireRole(role);
        return role.equals(everyoneRoleId);
    }

    @CommandHandler
    void handle(RemoveRoleCommand command) {
        requireExists();
        requireRole(command.roleId());
        requireMember(command.userId());
        if (command.roleId().equals(everyoneRoleId)) {
            throw DomainException.invalid("every member has the everyone role");
        }
        if (members.get(command.userId()).contains(command.roleId())) {
            apply(new RoleRemovedEvent(serverId, command.roleId(), command.userId(), command.removedBy()));
        }
    }

    @CommandHandler
    InviteView handle(CreateInviteCommand command, InviteCodes codes) {
        requireExists();
        Require.present("code", command.code());
        Long maxAge = command.maxAgeSeconds();
        if (maxAge != null && (maxAge < 0 || maxAge > MAX_INVITE_AGE_SECONDS)) {
            throw DomainException.invalid("maxAgeSeconds must be 0 (never expires) to " + MAX_INVITE_AGE_SECONDS);
        }
        Integer maxUses = command.maxUses();
        if (maxUses != null && (maxUses < 0 || maxUses > MAX_INVITE_USES)) {
            throw DomainException.invalid("maxUses must be 0 (unlimited) to " + MAX_INVITE_USES);
        }
        if (command.targetUserId() != null) {
            if (members.containsKey(command.targetUserId())) {
                throw new DomainException(ErrorCode.ALREADY_EXISTS, "that user is already a member");
            }
            if (banned.contains(command.targetUserId())) {
                throw new DomainException(ErrorCode.FORBIDDEN, "that user is banned from this server");
            }
            maxUses = 1;
        }
        if (invites.containsKey(command.code())) {
            return inviteView(command.code());
        }
        codes.register(command.code(), serverId);
        var now = Instant.now();
        apply(new InviteCreatedEvent(serverId, command.code(), command.createdBy(), now,
                maxAge == null || maxAge == 0 ? null : now.plusSeconds(maxAge),
                maxUses == null || maxUses == 0 ? null : maxUses, command.targetUserId()));
        return inviteView(command.code());
    }

    @CommandHandler
    ServerView handle(AcceptInviteCommand command, ServerMemberships memberships) {
        requireExists();
        var invite = invites.get(command.code());
        if (invite == null || (invite.targetUserId() != null && !invite.targetUserId().equals(command.userId()))) {
            throw DomainException.notFound("invite");
        }
        if (members.containsKey(command.userId())) {
            return view();
        }
        if (invite.expiresAt() != null && !Instant.now().isBefore(invite.expiresAt())) {
            throw new DomainException(ErrorCode.INVITE_EXPIRED, "this invitation has expired");
        }
        if (invite.maxUses() != null && invite.uses() >= invite.maxUses()) {
            throw new DomainException(ErrorCode.INVITE_USED_UP, "this invitation has been used up");
        }
        if (banned.contains(command.userId())) {
            throw new DomainException(ErrorCode.FORBIDDEN, "you are banned from this server");
        }
        memberships.reserve(command.userId(), serverId);
        apply(new MemberJoinedEvent(serverId, command.userId(), Instant.now()));
        apply(new InviteUsedEvent(serverId, command.code(), command.userId(), invite.uses() + 1));
        return view();
    }

    @CommandHandler
    void handle(DeclineInviteCommand command) {
        requireExists();
        var invite = invites.get(command.code());
        if (invite == null || !command.userId().equals(invite.targetUserId())) {
            throw DomainException.notFound("invite");
        }
        apply(new InviteDeclinedEvent(serverId, command.code(), command.userId()));
    }

    @CommandHandler
    void handle(RevokeInviteCommand command) {
        requireExists();
        var invite = invites.get(command.code());
        if (invite == null) {
            throw DomainException.notFound("invite");
        }
        if (!command.mayManageInvites() && !command.revokedBy().equals(invite.createdBy())) {
            throw DomainException.forbidden("manage_invites");
        }
        apply(new InviteRevokedEvent(serverId, command.code(), command.revokedBy()));
    }

    @CommandHandler
    MemberView handle(UpdateMemberCommand command, MuteSchedule mutes) {
        requireExists();
        requireMember(command.userId());
        if (command.nicknameGiven()) {
            var nickname = command.nickname() == null || command.nickname().isBlank() ? null
                    : Require.name("nickname", command.nickname(), MAX_NICKNAME);
            if (!java.util.Objects.equals(nickname, nicknames.get(command.userId()))) {
                apply(new MemberNicknameChangedEvent(serverId, command.userId(), nickname, command.updatedBy()));
            }
        }
        if (command.muteGiven()) {
            // millisecond precision: the value round-trips through PostgreSQL (member_mute_schedule) unchanged
            var until = command.mutedUntil() == null ? null
                    : command.mutedUntil().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            if (until == null) {
                if (mutedUntil.containsKey(command.userId())) {
                    mutes.cancel(serverId, command.userId());
                    apply(new MemberUnmutedEvent(serverId, command.userId(), command.updatedBy()));
                }
            } else {
                var now = Instant.now();
                if (!until.isAfter(now) || until.isAfter(now.plus(MAX_MUTE))) {
                    throw DomainException.invalid("mutedUntil must lie ahead, at most " + MAX_MUTE.toDays() + " days");
                }
                if (command.userId().equals(ownerId)) {
                    throw new DomainException(ErrorCode.FORBIDDEN, "the owner cannot be muted");
                }
                if (command.userId().equals(command.updatedBy())) {
                    throw DomainException.invalid("you cannot mute yourself");
                }
                mutes.schedule(serverId, command.userId(), until);
                apply(new MemberMutedEvent(serverId, command.userId(), until, command.updatedBy()));
            }
        }
        return memberView(command.userId());
    }

    @CommandHandler
    void handle(ExpireMuteCommand command) {
        requireExists();
        var until = mutedUntil.get(command.userId());
        if (until != null && until.equals(command.mutedUntil()) && !Instant.now().isBefore(until)) {
            apply(new MemberUnmutedEvent(serverId, command.userId(), null));
        }
    }

    private void requireExists() {
        if (deleted) {
            throw DomainException.notFound("server");
        }
    }

    private void requireMember(UserId user) {
        if (!members.containsKey(user)) {
            throw DomainException.notFound("member");
        }
    }

    private RoleState requireRole(RoleId roleId) {
        var role = roles.get(roleId);
        if (role == null) {
            throw DomainException.notFound("role");
        }
        return role;
    }

    private void requireNotOwnerNorSelf(UserId target, UserId actor, String action) {
        if (target.equals(ownerId)) {
            throw new DomainException(ErrorCode.FORBIDDEN, "the owner cannot be " + (action.equals("ban") ? "banned" : "kicked"));
        }
        if (target.equals(actor)) {
            throw DomainException.invalid("you cannot " + action + " yourself; leave the server instead");
        }
    }

    private static Set<Permission> permissionsOf(Set<Permission> requested) {
        if (requested == null) {
            return Set.of();
        }
        if (requested.stream().anyMatch(java.util.Objects::isNull)) {
            throw DomainException.invalid("permissions must name known permissions");
        }
        return requested.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(requested));
    }

    private ServerView view() {
        return new ServerView(serverId.value(), name, description, visibility.name().toLowerCase(Locale.ROOT),
                ownerId.value(), members.size(), Snowflake.timeOf(serverId.value()));
    }

    private InviteView inviteView(String code) {
        var invite = invites.get(code);
        return new InviteView(code, serverId.value(), name, members.size(), invite.expiresAt(), invite.maxUses(),
                invite.uses(), invite.targetUserId() == null ? null : invite.targetUserId().value(),
                invite.createdBy().value(), invite.createdAt());
    }

    private MemberView memberView(UserId user) {
        return new MemberView(user.value(), nicknames.get(user),
                members.get(user).stream().map(RoleId::value).sorted().toList(), mutedUntil.get(user),
                joinedAt.get(user));
    }

    private RoleView roleView(RoleId roleId) {
        var role = roles.get(roleId);
        return new RoleView(roleId.value(), role.name(),
                role.permissions().stream().sorted().map(Permission::name).toList(), roleId.equals(everyoneRoleId));
    }

    @EventSourcingHandler
    void on(ServerCreatedEvent event) {
        serverId = event.serverId();
        ownerId = event.ownerId();
        name = event.name();
        description = event.description();
        visibility = event.visibility();
        everyoneRoleId = event.everyoneRoleId();
        roles.put(everyoneRoleId, new RoleState("@everyone", Set.copyOf(event.everyonePermissions())));
        members.put(ownerId, new HashSet<>());
        joinedAt.put(ownerId, event.createdAt());
    }

    @EventSourcingHandler
    void on(MemberJoinedEvent event) {
        members.put(event.userId(), new HashSet<>());
        joinedAt.put(event.userId(), event.joinedAt());
    }

    @EventSourcingHandler
    void on(MemberLeftEvent event) {
        forget(event.userId());
    }

    @EventSourcingHandler
    void on(MemberKickedEvent event) {
        forget(event.userId());
    }

    @EventSourcingHandler
    void on(MemberBannedEvent event) {
        forget(event.userId());
        banned.add(event.userId());
    }

    @EventSourcingHandler
    void on(MemberUnbannedEvent event) {
        banned.remove(event.userId());
    }

    @EventSourcingHandler
    void on(ServerUpdatedEvent event) {
        name = event.name();
        description = event.description();
        visibility = event.visibility();
    }

    @EventSourcingHandler
    void on(ServerDeletedEvent event) {
        deleted = true;
        members.clear();
    }

    @EventSourcingHandler
    void on(RoleCreatedEvent event) {
        roles.put(event.roleId(), new RoleState(event.name(), Set.copyOf(event.permissions())));
    }

    @EventSourcingHandler
    void on(RoleUpdatedEvent event) {
        roles.put(event.roleId(), new RoleState(event.name(), Set.copyOf(event.permissions())));
    }

    @EventSourcingHandler
    void on(RoleDeletedEvent event) {
        roles.remove(event.roleId());
        members.values().forEach(held -> held.remove(event.roleId()));
    }

    @EventSourcingHandler
    void on(RoleAssignedEvent event) {
        members.computeIfPresent(event.userId(), (u, held) -> {
            held.add(event.roleId());
            return held;
        });
    }

    @EventSourcingHandler
    void on(RoleRemovedEvent event) {
        members.computeIfPresent(event.userId(), (u, held) -> {
            held.remove(event.roleId());
            return held;
        });
    }

    @EventSourcingHandler
    void on(InviteCreatedEvent event) {
        invites.put(event.code(), new InviteState(event.createdBy(), event.createdAt(), event.expiresAt(),
                event.maxUses(), 0, event.targetUserId()));
    }

    @EventSourcingHandler
    void on(InviteUsedEvent event) {
        invites.computeIfPresent(event.code(), (c, invite) -> invite.withUses(event.uses()));
    }

    @EventSourcingHandler
    void on(InviteDeclinedEvent event) {
        invites.remove(event.code());
    }

    @EventSourcingHandler
    void on(InviteRevokedEvent event) {
        invites.remove(event.code());
    }

    @EventSourcingHandler
    void on(MemberNicknameChangedEvent event) {
        if (event.nickname() == null) {
            nicknames.remove(event.userId());
        } else {
            nicknames.put(event.userId(), event.nickname());
        }
    }

    @EventSourcingHandler
    void on(MemberMutedEvent event) {
        mutedUntil.put(event.userId(), event.mutedUntil());
    }

    @EventSourcingHandler
    void on(MemberUnmutedEvent event) {
        mutedUntil.remove(event.userId());
    }

    private void forget(UserId user) {
        members.remove(user);
        joinedAt.remove(user);
        nicknames.remove(user);
        mutedUntil.remove(user);
    }

    /** What the aggregate keeps of an invitation. */
    record InviteState(UserId createdBy, Instant createdAt, Instant expiresAt, Integer maxUses, int uses,
                       UserId targetUserId) {

        InviteState withUses(int count) {
            return new InviteState(createdBy, createdAt, expiresAt, maxUses, count, targetUserId);
        }
    }

    /** A role's name and permissions. */
    record RoleState(String name, Set<Permission> permissions) {
    }
}
