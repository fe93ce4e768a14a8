package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.assertProblem;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static io.beep.gateway.e2e.StackClient.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.time.Duration;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Deleting a channel or a server removes its messages' documents from the message view and its
 * search copy (a channel's threads' too, and their files from S3), and its webhooks can no longer post. The documents are counted in the running
 * Mongo-wire store itself: FerretDB keeps each collection in a PostgreSQL table of JSON documents.
 */
class MessageCleanupIT extends TrackedRequests {

    private static final String FERRETDB = StackClient.env("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432")
            + "/ferretdb";
    private static final String MONGO_DATABASE = mongoDatabase();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static String mongoDatabase() {
        var url = StackClient.env("BEEP_MONGO_URL", "mongodb://127.0.0.1:27017/beep");
        var name = url.substring(url.lastIndexOf('/') + 1);
        int options = name.indexOf('?');
        return options >= 0 ? name.substring(0, options) : name;
    }

    private String webhookToken(User owner, String channelId) {
        var created = track(post("/api/v1/channels/" + channelId + "/webhooks", owner.token(),
                json(Map.of("name", "bot")), last));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText() + " " + created.json().path("token").asText();
    }

    private static Answer postAsWebhook(String webhook, String content) {
        var parts = webhook.split(" ");
        return post("/api/v1/webhooks/" + parts[0] + "/messages", parts[1], json(Map.of("content", content)));
    }

    /** Waits (through the consistency token) until the message view has handled the answer's events. */
    private static void awaitMessages(User user, String serverId, Answer answer) {
        var read = get("/api/v1/servers/" + serverId + "/messages/search?q=zz", user.token(), after(answer));
        assertThat(read.status()).as(read.toString()).isIn(200, 404);
    }

    /** Message documents (history and search copy, in every copy of those collections) whose {@code field} is {@code value}. */
    private static long documents(String field, String value) {
        try (var db = DriverManager.getConnection(FERRETDB, StackClient.env("BEEP_PG_USER", "beep"),
                StackClient.env("BEEP_PG_PASSWORD", "beep"))) {
            var tables = new ArrayList<String>();
            try (var query = db.prepareStatement("SELECT _jsonb->>'table' FROM \"" + MONGO_DATABASE
                    + "\"._ferretdb_database_metadata WHERE (_jsonb->>'_id' LIKE 'message\\_view%' "
                    + "OR _jsonb->>'_id' LIKE 'message\\_search%') AND _jsonb->>'_id' NOT LIKE '%channels%'")) {
                try (var rows = query.executeQuery()) {
                    while (rows.next()) {
                        tables.add(rows.getString(1));
                    }
                }
            }
            long count = 0;
            for (var table : tables) {
                try (var query = db.prepareStatement("SELECT count(*) FROM \"" + MONGO_DATABASE + "\".\"" + table
                        + "\" WHERE _jsonb->>'" + field + "' = ?")) {
                    query.setString(1, value);
                    try (var rows = query.executeQuery()) {
                        rows.next();
                        count += rows.getLong(1);
                    }
                }
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the message store's tables", e);
        }
    }

    @Test
    void deletingAChannelRemovesItsAndItsThreadsMessageDocumentsAndStopsItsWebhooks() {
        var owner = TestUsers.fresh("clean-owner");
        var serverId = createServer(owner);
        var chat = textChannel(owner, serverId, "doomed");
        var kept = textChannel(owner, serverId, "kept");
        var webhook = webhookToken(owner, chat);
        var first = send(owner, chat, "quokka sighting").json().path("id").asText();
        send(owner, chat, "another quokka");
        var posted = postAsWebhook(webhook, "quokka bot says hi");
        assertThat(posted.status()).as(posted.toString()).isEqualTo(201);
        var thread = track(post("/api/v1/channels/" + chat + "/messages/" + first + "/threads", owner.token(),
                json(Map.of("name", "quokkas")), last));
        assertThat(thread.status()).as(thread.toString()).isEqualTo(201);
        var threadId = thread.json().path("id").asText();
        send(owner, threadId, "quokka thread reply");
        var survivor = send(owner, kept, "quokka elsewhere");
        awaitMessages(owner, serverId, survivor);
        // 2 messages + 1 webhook message + 1 thread_created notice, each in the history and the search copy
        assertThat(documents("channelId", chat)).isEqualTo(8);
        assertThat(documents("channelId", threadId)).isEqualTo(2);

        var deleted = request("DELETE", "/api/v1/channels/" + chat, owner.token(), null, last);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        awaitMessages(owner, serverId, deleted);

        assertThat(documents("channelId", chat)).isZero();
        assertThat(documents("channelId", threadId)).isZero();
        assertThat(documents("channelId", kept)).isEqualTo(2);
        var search = get("/api/v1/servers/" + serverId + "/messages/search?q=quokka", owner.token(), after(deleted));
        assertThat(search.json().path("items").findValuesAsText("channelId")).containsOnly(kept);
        assertProblem(postAsWebhook(webhook, "still there?"), 404, "NOT_FOUND");
        assertProblem(get("/api/v1/channels/" + chat + "/messages", owner.token(), after(deleted)), 404, "NOT_FOUND");
    }

    @Test
    void deletingAServerRemovesAllItsMessageDocumentsAndStopsItsWebhooks() {
        var owner = TestUsers.fresh("clean-owner");
        var serverId = createServer(owner);
        var chat = textChannel(owner, serverId, "chat");
        var webhook = webhookToken(owner, chat);
        send(owner, chat, "wombat one");
        var hooked = postAsWebhook(webhook, "wombat two");
        assertThat(hooked.status()).as(hooked.toString()).isEqualTo(201);
        awaitMessages(owner, serverId, hooked);
        assertThat(documents("serverId", serverId)).isGreaterThanOrEqualTo(4);

        var deleted = request("DELETE", "/api/v1/servers/" + serverId, owner.token(), null, last);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        awaitMessages(owner, serverId, deleted);

        assertThat(documents("serverId", serverId)).isZero();
        assertThat(documents("channelId", chat)).isZero();
        assertProblem(postAsWebhook(webhook, "anyone?"), 404, "NOT_FOUND");
    }

    @Test
    void deletingAChannelRemovesTheFilesOfItsThreadsFromS3() throws Exception {
        var owner = TestUsers.fresh("clean-files");
        var serverId = createServer(owner);
        var chat = textChannel(owner, serverId, "files");
        var first = send(owner, chat, "start here").json().path("id").asText();
        var thread = track(post("/api/v1/channels/" + chat + "/messages/" + first + "/threads", owner.token(),
                json(Map.of("name", "with files")), last));
        assertThat(thread.status()).as(thread.toString()).isEqualTo(201);
        var threadId = thread.json().path("id").asText();
        var bytes = "thread file".getBytes(StandardCharsets.UTF_8);
        var reserved = track(post("/api/v1/channels/" + threadId + "/attachments", owner.token(), json(Map.of(
                "filename", "notes.txt", "size", bytes.length, "contentType", "text/plain")), last));
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
        var put = exchange(HttpRequest.newBuilder(URI.create(reserved.json().path("uploadUrl").asText()))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
        assertThat(put.statusCode()).isEqualTo(200);
        var sent = track(post("/api/v1/channels/" + threadId + "/messages", owner.token(), json(Map.of("content",
                "see file", "attachmentIds", List.of(reserved.json().path("attachmentId").asText()))), last));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var url = sent.json().path("attachments").get(0).path("url").asText();
        assertThat(fetch(url)).isEqualTo(200);

        var deleted = request("DELETE", "/api/v1/channels/" + chat, owner.token(), null, last);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(eventuallyGone(url)).as("the thread's file removed from S3").isTrue();
    }

    /** Polls the (still valid) presigned link until S3 answers 404; the removal runs in an event processor. */
    private static boolean eventuallyGone(String url) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (fetch(url) == 404) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static int fetch(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET()).statusCode();
    }

    private static HttpResponse<byte[]> exchange(HttpRequest.Builder builder) {
        try {
            return HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
