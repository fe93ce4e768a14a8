package io.beep.projections.admin.deadletter;

import io.beep.contracts.common.Page;
import io.beep.contracts.common.DomainException;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/admin/dead-letters} (operator or app-admin): {@code GET} lists parked events
 * oldest first ({@code ?processor=} narrows, {@code ?limit=} 1 to 500, default 100);
 * {@code POST /{id}/retry} hands the letter's sequence to its processor's handlers again;
 * {@code POST /{id}/evict} (or {@code DELETE /{id}}) drops the letter for good. An unknown id is
 * 404.
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLettersController {

    private final JdbcTemplate views;
    private final EventProcessingConfiguration processing;

    DeadLettersController(DataSource viewsDataSource, EventProcessingConfiguration processing) {
        this.views = new JdbcTemplate(viewsDataSource);
        this.processing = processing;
    }

    @GetMapping
    Page<DeadLetterView> list(@RequestParam(required = false) String processor,
                              @RequestParam(required = false) String limit) {
        int max = limit(limit);
        var sql = "select dead_letter_id, processing_group, sequence_identifier, sequence_index, event_identifier, "
                + "payload_type, aggregate_identifier, sequence_number, time_stamp, enqueued_at, last_touched, "
                + "cause_type, cause_message from " + DeadLetters.TABLE
                + (processor == null ? "" : " where processing_group = ?")
                + " order by enqueued_at, processing_group, sequence_identifier, sequence_index limit " + max;
        Object[] args = processor == null ? new Object[0] : new Object[] {processor};
        List<DeadLetterView> items = views.query(sql, (rs, i) -> new DeadLetterView(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getLong(4), rs.getString(5), simpleName(rs.getString(6)), rs.getString(7),
                (Long) rs.getObject(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                rs.getString(13)), args);
        return new Page<>(items, null);
    }

    @PostMapping("/{id}/retry")
    RetryOutcome retry(@PathVariable String id) {
        var letter = find(id);
        var processor = processing.sequencedDeadLetterProcessor(letter.processor())
                .orElseThrow(() -> DomainException.notFound("dead letter"));
        boolean succeeded = processor.process(candidate -> candidate instanceof JdbcDeadLetter<?> jdbc
                && jdbc.getSequenceIdentifier().equals(letter.sequenceIdentifier()));
        Long remaining = views.queryForObject("select count(*) from " + DeadLetters.TABLE
                        + " where processing_group = ? and sequence_identifier = ?", Long.class,
                letter.processor(), letter.sequenceIdentifier());
        return new RetryOutcome(id, letter.processor(), succeeded, remaining == null ? 0 : remaining);
    }

    @PostMapping("/{id}/evict")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void evict(@PathVariable String id) {
        var letter = find(id);
        var queue = processing.deadLetterQueue(letter.processor())
                .orElseThrow(() -> DomainException.notFound("dead letter"));
        for (DeadLetter<? extends EventMessage<?>> candidate : queue.deadLetterSequence(letter.sequenceIdentifier())) {
            if (candidate instanceof JdbcDeadLetter<?> jdbc && jdbc.getIdentifier().equals(id)) {
                queue.evict(candidate);
                return;
            }
        }
        throw DomainException.notFound("dead letter");
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        evict(id);
    }

    private Letter find(String id) {
        var found = views.query("select processing_group, sequence_identifier from " + DeadLetters.TABLE
                        + " where dead_letter_id = ?",
                (rs, i) -> new Letter(rs.getString(1), rs.getString(2)), id);
        if (found.isEmpty()) {
            throw DomainException.notFound("dead letter");
        }
        return found.get(0);
    }

    private static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return 100;
        }
        try {
            int value = Integer.parseInt(limit.strip());
            if (value >= 1 && value <= 500) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.invalid("limit must be from 1 to 500");
    }

    private static String simpleName(String type) {
        return type == null ? null : type.substring(type.lastIndexOf('.') + 1);
    }

    private record Letter(String processor, String sequenceIdentifier) {
    }
}
