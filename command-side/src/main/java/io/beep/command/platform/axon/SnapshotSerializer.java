package io.beep.command.platform.axon;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import java.util.function.Function;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * The serializer of aggregate snapshots: JSON of the aggregate's fields (not its getters or command
 * handlers), ids as map keys by their plain value, instants as ISO strings. A snapshot's revision is the
 * aggregate class's {@link org.axonframework.serialization.Revision}: change it whenever the aggregate's
 * fields change, and the {@code RevisionSnapshotFilter} of that aggregate skips the older snapshots
 * (the aggregate is then rebuilt from its events and snapshotted anew).
 */
public final class SnapshotSerializer {

    private SnapshotSerializer() {
    }

    /** A new snapshot serializer; events keep their own serializer. */
    public static JacksonSerializer create() {
        var ids = new SimpleModule("beep-snapshot-ids");
        key(ids, UserId.class, UserId::of);
        key(ids, RoleId.class, RoleId::of);
        key(ids, ServerId.class, ServerId::of);
        key(ids, ChannelId.class, ChannelId::of);
        var mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .build();
        return JacksonSerializer.builder()
                .objectMapper(mapper)
                .revisionResolver(new AnnotationRevisionResolver())
                .build();
    }

    private static <T> void key(SimpleModule module, Class<T> type, Function<String, T> of) {
        module.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                return of.apply(key);
            }
        });
    }
}
