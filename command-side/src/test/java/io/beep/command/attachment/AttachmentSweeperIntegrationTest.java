package io.beep.command.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.common.Snowflake;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The sweeper against the real event-store database (its {@code attachment_file} table) and the real
 * S3 server that {@code ./beep} starts: an unattached upload older than the sweep age loses its file,
 * a recent one and an attached old one keep theirs.
 */
class AttachmentSweeperIntegrationTest {

    private final AttachmentProperties properties = new AttachmentProperties(0, null, null, null, null);
    private JdbcTemplate jdbc;
    private AttachmentStorage storage;
    private S3Client s3;

    @BeforeEach
    void setUp() {
        var env = System.getenv();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(
                env.getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/"
                        + env.getOrDefault("BEEP_EVENTS_DB", "beep_events"),
                env.getOrDefault("BEEP_PG_USER", "beep"), env.getOrDefault("BEEP_PG_PASSWORD", "beep")));
        storage = new AttachmentStorage(properties);
        var s3Properties = properties.s3();
        s3 = S3Client.builder().endpointOverride(java.net.URI.create(s3Properties.endpoint()))
                .region(Region.of(s3Properties.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3Properties.accessKey(), s3Properties.secretKey())))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
    }

    @AfterEach
    void tearDown() {
        storage.close();
        s3.close();
    }

    @Test
    void removesTheFilesOfOldUnattachedUploadsOnly() {
        var now = Instant.now();
        var oldUnattached = upload(now.minus(AttachmentSweeper.SWEEP_AFTER).minusSeconds(60), null);
        var oldAttached = upload(now.minus(AttachmentSweeper.SWEEP_AFTER).minusSeconds(60), 42L);
        var recent = upload(now.minus(Attachment.USE_WINDOW), null);

        new AttachmentSweeper(jdbc, storage).sweep(now);

        assertThat(storage.stored(Long.toString(oldUnattached))).isEmpty();
        assertThat(removedAt(oldUnattached)).isNotNull();
        assertThat(storage.stored(Long.toString(oldAttached))).isPresent();
        assertThat(removedAt(oldAttached)).isNull();
        assertThat(storage.stored(Long.toString(recent))).isPresent();
        assertThat(removedAt(recent)).isNull();
    }

    /** An upload requested at {@code time} (its id says so), its file stored, attached to {@code message}. */
    private long upload(Instant time, Long message) {
        var id = Snowflake.firstIdAt(time) + ThreadLocalRandom.current().nextLong(1, 1L << 22);
        jdbc.update("INSERT INTO attachment_file (attachment_id, channel_id, server_id, message_id) VALUES (?, ?, ?, ?)",
                id, 1L, 1L, message);
        s3.putObject(b -> b.bucket(properties.s3().bucket()).key(AttachmentStorage.key(Long.toString(id)))
                .contentType("text/plain"), RequestBody.fromString("sweep me"));
        return id;
    }

    private Object removedAt(long id) {
        return jdbc.queryForObject("SELECT removed_at FROM attachment_file WHERE attachment_id = ?", Object.class, id);
    }
}
