package io.beep.projections.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberKickedEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.ServerDeletedEvent;
import io.beep.contracts.server.Visibility;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuditEntriesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final ServerId SERVER = ServerId.of("100");
    private static final UserId OWNER = UserId.of("owner");
    private static final UserId BOB = UserId.of("bob");

    private static AuditEntry entry(Object event) {
        return AuditEntries.of(event, MAPPER).orElseThrow();
    }

    @Test
    void aKickIsDoneByTheKickerToTheMember() {
        var kick = entry(new MemberKickedEvent(SERVER, BOB, OWNER, Set.of()));
        assertThat(kick.serverId()).isEqualTo(100);
        assertThat(kick.action()).isEqualTo("member_kicked");
        assertThat(kick.actorId()).isEqualTo("owner");
        assertThat(kick.targetId()).isEqualTo("bob");
    }

    @Test
    void aJoinIsDoneByTheMemberThemselvesAndCarriesNoTimestampInDetails() {
        var join = entry(new MemberJoinedEvent(SERVER, BOB, Instant.EPOCH));
        assertThat(join.actorId()).isEqualTo("bob");
        assertThat(join.targetId()).isEqualTo("bob");
        assertThat(join.details()).isEqualTo("{}");
    }

    @Test
    void creationsNameTheirOwnerOrCreatorAndWhatWasMade() {
        var server = entry(new ServerCreatedEvent(SERVER, "s", "d", Visibility.PUBLIC, OWNER, RoleId.of("101"),
                Set.of(Permission.VIEW_CHANNELS), ChannelId.of("102"), Instant.EPOCH));
        assertThat(server.actorId()).isEqualTo("owner");
        assertThat(server.targetId()).isEqualTo("100");
        assertThat(server.details()).contains("\"name\":\"s\"");
        var role = entry(new RoleCreatedEvent(SERVER, RoleId.of("103"), "mods", Set.of(Permission.MANAGE_SERVER), OWNER));
        assertThat(role.action()).isEqualTo("role_created");
        assertThat(role.targetId()).isEqualTo("103");
        assertThat(role.details()).contains("MANAGE_SERVER").doesNotContain("createdBy");
        var channel = entry(new ChannelCreatedEvent(ChannelId.of("104"), SERVER, "c", ChannelType.TEXT, null, OWNER,
                Instant.EPOCH));
        assertThat(channel.actorId()).isEqualTo("owner");
        assertThat(channel.targetId()).isEqualTo("104");
    }

    @Test
    void anAssignmentTargetsTheMemberAndNamesTheRole() {
        var assigned = entry(new RoleAssignedEvent(SERVER, RoleId.of("103"), BOB, OWNER));
        assertThat(assigned.targetId()).isEqualTo("bob");
        assertThat(assigned.details()).isEqualTo("{\"roleId\":\"103\"}");
    }

    @Test
    void aServerDeletionLeavesTheMemberListOut() {
        var deleted = entry(new ServerDeletedEvent(SERVER, OWNER, Set.of(OWNER, BOB), Set.of(RoleId.of("101"))));
        assertThat(deleted.action()).isEqualTo("server_deleted");
        assertThat(deleted.details()).doesNotContain("bob");
    }

    @Test
    void messagesAndEventsWithoutAServerAreNotAudited() {
        assertThat(AuditEntries.of(new MessageSentEvent(MessageId.of("1"), ChannelId.of("2"), SERVER, BOB, "hi",
                MessageType.DEFAULT, null, null, Instant.EPOCH), MAPPER)).isEmpty();
        assertThat(AuditEntries.of("not an event", MAPPER)).isEmpty();
    }
}
