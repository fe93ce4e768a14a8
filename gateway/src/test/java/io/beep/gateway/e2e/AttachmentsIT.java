package io.beep.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Message attachments end to end against the running stack and the real S3: reserve an upload,
 * PUT the raw bytes to the presigned URL, send a message naming the file, download it through the
 * message's link and through {@code GET /attachments/{id}}; size and type limits; files checked
 * against their declaration when sent; no access for non-members; files removed from S3 when their
 * message or their server is deleted.
 */
class AttachmentsIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private static final byte[] REPORT = "Quarterly numbers: all green.\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void anUploadedFileTravelsWithItsMessageDownloadsAndIsFoundByItsName() {
        var owner = TestUsers.fresh("att-owner");
        var place = place(owner, "private");
        var attachmentId = upload(owner, place.channelId(), "Rapport Trimestriel.txt", REPORT, "text/plain");

        var sent = send(owner, place.channelId(), "see the file", List.of(attachmentId));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        var file = sent.json().path("attachments").get(0);
        assertThat(file.path("id").asText()).isEqualTo(attachmentId);
        assertThat(file.path("filename").asText()).isEqualTo("Rapport Trimestriel.txt");
        assertThat(file.path("size").asLong()).isEqualTo(REPORT.length);
        assertThat(file.path("contentType").asText()).isEqualTo("text/plain");
        assertThat(fetch(file.path("url").asText()).body()).isEqualTo(REPORT);

        var history = StackClient.get("/api/v1/channels/" + place.channelId() + "/messages", owner.token(),
                Map.of("Beep-Consistency-Token", sent.consistencyToken()));
        var listed = history.json().path("items").get(0).path("attachments").get(0);
        assertThat(listed.path("id").asText()).isEqualTo(attachmentId);
        assertThat(fetch(listed.path("url").asText()).body()).isEqualTo(REPORT);

        var redirect = call("GET", "/api/v1/attachments/" + attachmentId, owner.token(), null);
        assertThat(redirect.statusCode()).isEqualTo(302);
        var location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(fetch(location).body()).isEqualTo(REPORT);

        var found = StackClient.get("/api/v1/channels/" + place.channelId() + "/messages/search?q=trimest",
                owner.token(), Map.of("Beep-Consistency-Token", sent.consistencyToken()));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(ids(found.json().path("items"))).contains(sent.json().path("id").asText());

        var again = send(owner, place.channelId(), "same file again", List.of(attachmentId));
        assertThat(again.status()).as(again.toString()).isEqualTo(409);
    }

    @Test
    void declaredSizeOverTheLimitAnswers413AndAnUnacceptedType415() {
        var owner = TestUsers.fresh("att-limits");
        var place = place(owner, "private");
        var tooBig = reserve(owner, place.channelId(), "huge.zip", 25L * 1024 * 1024 + 1, "application/zip");
        assertThat(tooBig.status()).as(tooBig.toString()).isEqualTo(413);
        assertThat(tooBig.json().path("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        var wrongType = reserve(owner, place.channelId(), "run.exe", 10, "application/x-msdownload");
        assertThat(wrongType.status()).as(wrongType.toString()).isEqualTo(415);
        assertThat(wrongType.json().path("code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        var noName = reserve(owner, place.channelId(), " ", 10, "text/plain");
        assertThat(noName.status()).isEqualTo(400);
    }

    @Test
    void aFileThatWasNotUploadedOrDiffersFromItsDeclarationCannotBeSent() {
        var owner = TestUsers.fresh("att-check");
        var place = place(owner, "private");
        var reserved = reserve(owner, place.channelId(), "later.txt", REPORT.length, "text/plain");
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
        var notUploaded = send(owner, place.channelId(), "missing", List.of(reserved.json().path("attachmentId").asText()));
        assertThat(notUploaded.status()).as(notUploaded.toString()).isEqualTo(400);

        var declared = reserve(owner, place.channelId(), "short.txt", 5, "text/plain");
        var put = put(declared.json().path("uploadUrl").asText(), REPORT, "text/plain");
        assertThat(put.statusCode()).isEqualTo(200);
        var mismatch = send(owner, place.channelId(), "longer than declared",
                List.of(declared.json().path("attachmentId").asText()));
        assertThat(mismatch.status()).as(mismatch.toString()).isEqualTo(400);

        var history = StackClient.get("/api/v1/channels/" + place.channelId() + "/messages", owner.token());
        assertThat(history.json().path("items")).isEmpty();
    }

    @Test
    void nonMembersSeeNoFilesAndMembersCannotUseOthersUploads() {
        var owner = TestUsers.fresh("att-own");
        var place = place(owner, "public");
        var attachmentId = upload(owner, place.channelId(), "secret.txt", REPORT, "text/plain");
        var sent = send(owner, place.channelId(), "file", List.of(attachmentId));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);

        var stranger = TestUsers.fresh("att-stranger");
        assertThat(call("GET", "/api/v1/attachments/" + attachmentId, stranger.token(), null).statusCode()).isEqualTo(404);
        assertThat(reserve(stranger, place.channelId(), "x.txt", 3, "text/plain").status()).isEqualTo(404);

        var member = TestUsers.fresh("att-member");
        var joined = StackClient.request("POST", "/api/v1/servers/" + place.serverId() + "/join", member.token(), null, Map.of());
        assertThat(joined.status()).as(joined.toString()).isIn(200, 201);
        var ownUpload = upload(owner, place.channelId(), "owners.txt", REPORT, "text/plain");
        var borrowed = StackClient.post("/api/v1/channels/" + place.channelId() + "/messages", member.token(),
                StackClient.json(Map.of("content", "mine now", "attachmentIds", List.of(ownUpload))),
                Map.of("Beep-Consistency-Token", joined.consistencyToken()));
        assertThat(borrowed.status()).as(borrowed.toString()).isEqualTo(404);
        var download = call("GET", "/api/v1/attachments/" + attachmentId, member.token(), joined.consistencyToken());
        assertThat(download.statusCode()).isEqualTo(302);
    }

    @Test
    void deletingTheMessageRemovesItsFileFromS3() throws Exception {
        var owner = TestUsers.fresh("att-delete");
        var place = place(owner, "private");
        var attachmentId = upload(owner, place.channelId(), "gone.txt", REPORT, "text/plain");
        var sent = send(owner, place.channelId(), "short-lived", List.of(attachmentId));
        var url = sent.json().path("attachments").get(0).path("url").asText();
        assertThat(fetch(url).statusCode()).isEqualTo(200);

        var deleted = StackClient.request("DELETE", "/api/v1/channels/" + place.channelId() + "/messages/"
                + sent.json().path("id").asText(), owner.token(), null, Map.of());
        assertThat(deleted.status()).isEqualTo(204);
        var download = call("GET", "/api/v1/attachments/" + attachmentId, owner.token(), deleted.consistencyToken());
        assertThat(download.statusCode()).isEqualTo(404);
        assertThat(eventuallyGone(url)).as("object message/" + attachmentId + " removed from S3").isTrue();
    }

    @Test
    void deletingTheServerRemovesItsFilesFromS3() throws Exception {
        var owner = TestUsers.fresh("att-server");
        var place = place(owner, "private");
        var attachmentId = upload(owner, place.channelId(), "server.txt", REPORT, "text/plain");
        var sent = send(owner, place.channelId(), "in a server", List.of(attachmentId));
        var url = sent.json().path("attachments").get(0).path("url").asText();

        var deleted = StackClient.request("DELETE", "/api/v1/servers/" + place.serverId(), owner.token(), null, Map.of());
        assertThat(deleted.status()).as(deleted.toString()).isIn(200, 204);
        assertThat(eventuallyGone(url)).as("object message/" + attachmentId + " removed from S3").isTrue();
        var download = call("GET", "/api/v1/attachments/" + attachmentId, owner.token(), deleted.consistencyToken());
        assertThat(download.statusCode()).isEqualTo(404);
    }

    /** Polls the (still valid) presigned link until S3 answers 404; the removal runs in an event processor. */
    private static boolean eventuallyGone(String url) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (fetch(url).statusCode() == 404) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    record Place(String serverId, String channelId) {
    }

    private static Place place(TestUsers.User owner, String visibility) {
        var server = StackClient.post("/api/v1/servers", owner.token(), StackClient.json(Map.of(
                "name", "Files " + owner.username(), "description", "e2e", "visibility", visibility)));
        assertThat(server.status()).as(server.toString()).isEqualTo(201);
        var serverId = server.json().path("id").asText();
        var channel = StackClient.post("/api/v1/servers/" + serverId + "/channels", owner.token(),
                StackClient.json(Map.of("name", "files", "type", "text")),
                Map.of("Beep-Consistency-Token", server.consistencyToken()));
        assertThat(channel.status()).as(channel.toString()).isEqualTo(201);
        return new Place(serverId, channel.json().path("id").asText());
    }

    private static StackClient.Answer reserve(TestUsers.User user, String channelId, String filename, long size,
                                              String contentType) {
        return StackClient.post("/api/v1/channels/" + channelId + "/attachments", user.token(), StackClient.json(Map.of(
                "filename", filename, "size", size, "contentType", contentType)));
    }

    /** Reserves, uploads the raw bytes with the presigned PUT, answers the attachment id. */
    private static String upload(TestUsers.User user, String channelId, String filename, byte[] bytes,
                                 String contentType) {
        var reserved = reserve(user, channelId, filename, bytes.length, contentType);
        assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
        assertThat(reserved.json().path("uploadUrl").asText()).contains("/message/");
        assertThat(reserved.json().path("expiresAt").asText()).isNotBlank();
        var put = put(reserved.json().path("uploadUrl").asText(), bytes, contentType);
        assertThat(put.statusCode()).as(new String(put.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return reserved.json().path("attachmentId").asText();
    }

    private static StackClient.Answer send(TestUsers.User user, String channelId, String content,
                                           List<String> attachmentIds) {
        return StackClient.post("/api/v1/channels/" + channelId + "/messages", user.token(),
                StackClient.json(Map.of("content", content, "attachmentIds", attachmentIds)));
    }

    private static List<String> ids(JsonNode items) {
        var ids = new ArrayList<String>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private static HttpResponse<byte[]> put(String url, byte[] bytes, String contentType) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)));
    }

    private static HttpResponse<byte[]> fetch(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private static HttpResponse<byte[]> call(String method, String path, String token, String consistency) {
        var builder = HttpRequest.newBuilder(URI.create(StackClient.GATEWAY + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (consistency != null) {
            builder.header("Beep-Consistency-Token", consistency);
        }
        return exchange(builder);
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
