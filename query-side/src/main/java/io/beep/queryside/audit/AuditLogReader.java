package io.beep.queryside.audit;

import static io.beep.queryside.jooq.Tables.AUDIT_LOG_ENTRY;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.beep.contracts.common.Page;
import io.beep.contracts.server.AuditLogEntryView;
import io.beep.queryside.jooq.tables.records.AuditLogEntryRecord;
import io.beep.queryside.platform.web.Paging;
import java.io.IOException;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Reads {@code audit_log_entry}: a server's entries, newest first, optionally of one action. */
@Component
class AuditLogReader {

    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
    };
    private final DSLContext db;
    private final ObjectMapper mapper;

    AuditLogReader(DSLContext db, ObjectMapper mapper) {
        this.db = db;
        this.mapper = mapper;
    }

    Page<AuditLogEntryView> of(long serverId, String action, Long beforePosition, int limit) {
        var condition = AUDIT_LOG_ENTRY.SERVER_ID.eq(serverId);
        if (action != null) {
            condition = condition.and(AUDIT_LOG_ENTRY.ACTION.eq(action));
        }
        if (beforePosition != null) {
            condition = condition.and(AUDIT_LOG_ENTRY.POSITION.lt(beforePosition));
        }
        var rows = db.selectFrom(AUDIT_LOG_ENTRY)
                .where(condition)
                .orderBy(AUDIT_LOG_ENTRY.POSITION.desc())
                .limit(limit + 1)
                .fetch();
        var page = rows.stream().limit(limit).map(this::view).toList();
        var next = rows.size() > limit ? Paging.cursorAfter(rows.get(limit - 1).getPosition()) : null;
        return Page.of(page, next);
    }

    private AuditLogEntryView view(AuditLogEntryRecord row) {
        Map<String, Object> details;
        try {
            details = mapper.readValue(row.getDetails(), DETAILS);
        } catch (IOException e) {
            details = Map.of();
        }
        return new AuditLogEntryView(Long.toString(row.getPosition()), row.getAction(), row.getActorId(),
                row.getTargetId(), row.getAt().toInstant(), details);
    }
}
