package io.beep.projections.audit;

import static io.beep.projections.jooq.Tables.AUDIT_LOG_ENTRY;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.projections.platform.axon.EventPositions;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code audit_log_entry}: one row per server event ({@link AuditEntries}), keyed by the event's
 * store position, so a replayed or redelivered event writes the same row again and changes nothing.
 */
@Component
@ProcessingGroup(AuditLogProjection.PROCESSING_GROUP)
public class AuditLogProjection {

    public static final String PROCESSING_GROUP = "audit-log";

    private final DSLContext db;
    private final ObjectMapper mapper;

    public AuditLogProjection(DSLContext db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    @EventHandler
    void on(Object event, TrackingToken token, @Timestamp Instant storedAt) {
        var entry = AuditEntries.of(event, mapper);
        if (entry.isEmpty()) {
            return;
        }
        var e = entry.get();
        db.insertInto(AUDIT_LOG_ENTRY)
                .set(AUDIT_LOG_ENTRY.POSITION, EventPositions.of(token))
                .set(AUDIT_LOG_ENTRY.SERVER_ID, e.serverId())
                .set(AUDIT_LOG_ENTRY.ACTION, e.action())
                .set(AUDIT_LOG_ENTRY.ACTOR_ID, e.actorId())
                .set(AUDIT_LOG_ENTRY.TARGET_ID, e.targetId())
                .set(AUDIT_LOG_ENTRY.AT, storedAt.atOffset(ZoneOffset.UTC))
                .set(AUDIT_LOG_ENTRY.DETAILS, e.details())
                .onConflict(AUDIT_LOG_ENTRY.POSITION)
                .doNothing()
                .execute();
    }
}
