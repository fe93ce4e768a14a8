package io.beep.projections.admin.deadletter;

import javax.sql.DataSource;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The dead-letter table. Axon's Spring Boot support builds a {@code JdbcSequencedDeadLetterQueue}
 * for every processor with {@code axon.eventhandling.processors.<name>.dlq.enabled: true}, on the
 * views database in the batch's transaction; this supplies its snake_case layout and creates the
 * table with a Flyway history of its own ({@code db/admin}, {@code flyway_admin_history}).
 */
@Configuration
public class DeadLetters {

    public static final String TABLE = "dead_letter_entry";

    public static final DeadLetterSchema SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable(TABLE)
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    @Bean
    DeadLetterSchema deadLetterSchema(AdminSchema adminSchema) {
        return SCHEMA;
    }

    /** Runs after the views' own Flyway, which creates the schema when it is configured to. */
    @Bean
    @DependsOn("flywayInitializer")
    AdminSchema adminSchema(DataSource viewsDataSource) {
        Flyway.configure()
                .dataSource(viewsDataSource)
                .locations("classpath:db/admin")
                .table("flyway_admin_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new AdminSchema();
    }

    /** Marks that the admin tables exist. */
    public static final class AdminSchema {
    }
}
