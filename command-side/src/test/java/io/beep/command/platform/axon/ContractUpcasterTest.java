package io.beep.command.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.server.RoleDeletedEvent;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.junit.jupiter.api.Test;

/** Events stored at an older revision load in their current shape in this service. */
class ContractUpcasterTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(JsonMapper.builder().addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build())
            .revisionResolver(new BeepRevisionResolver())
            .build();

    @Test
    void aRoleDeletedEventOfRevisionOneLoadsAsRevisionTwoWithoutAName() {
        var loaded = load(RoleDeletedEvent.class.getName(), "1",
                "{\"serverId\":\"10\",\"roleId\":\"11\",\"deletedBy\":\"alice\"}");
        assertThat(loaded).isEqualTo(new RoleDeletedEvent(ServerId.of("10"), RoleId.of("11"), UserId.of("alice"), null));
    }

    @Test
    void aRoleDeletedEventOfRevisionTwoLoadsUnchanged() {
        var loaded = load(RoleDeletedEvent.class.getName(), "2",
                "{\"serverId\":\"10\",\"roleId\":\"11\",\"deletedBy\":\"alice\",\"name\":\"mods\"}");
        assertThat(loaded).isEqualTo(new RoleDeletedEvent(ServerId.of("10"), RoleId.of("11"), UserId.of("alice"), "mods"));
    }

    private static Object load(String type, String revision, String json) {
        var entry = new GenericDomainEventEntry<>("Server", "10", 0, "e-" + revision, "2026-01-01T00:00:00Z", type,
                revision, json.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        var upcast = new EventUpcasterChain(ContractUpcaster.all())
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).toList();
        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        return SERIALIZER.deserialize(upcast.get(0).getData());
    }
}
