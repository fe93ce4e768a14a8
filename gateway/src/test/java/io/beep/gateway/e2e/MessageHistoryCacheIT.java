package io.beep.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * History read through the gateway while the query side keeps pages in memory: a read carrying the
 * consistency token of a write sees that write, and so does every plain read after it; edits,
 * deletes, pins and new messages all reach pages that were read (and kept) before.
 */
class MessageHistoryCacheIT {

    private static final String LATEST = "?limit=5";

    @Test
    void pagesReadBeforeAWriteShowTheWriteOnTheNextRead() {
        var owner = MessagingIT.User.fresh();
        var channel = owner.serverWithChannel("private").channelId();
        var history = "/api/v1/channels/" + channel + "/messages";
        var ids = new ArrayList<String>();
        String token = null;
        for (int i = 0; i < 8; i++) {
            var sent = owner.send(channel, "message " + i, Map.of());
            assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
            ids.add(sent.json().path("id").asText());
            token = sent.consistency();
        }
        var warm = owner.call("GET", history + LATEST, null, token);
        assertThat(contents(warm.json())).containsExactly("message 7", "message 6", "message 5", "message 4", "message 3");
        var olderPage = history + "?limit=5&before=" + ids.get(3);
        assertThat(contents(owner.call("GET", olderPage, null).json()))
                .containsExactly("message 2", "message 1", "message 0");
        // read again: now from memory
        assertThat(contents(owner.call("GET", history + LATEST, null).json())).first().isEqualTo("message 7");

        var edited = owner.call("PATCH", history + "/" + ids.get(1), StackClient.json(Map.of("content", "edited 1")));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(contents(owner.call("GET", olderPage, null, edited.consistency()).json()))
                .containsExactly("message 2", "edited 1", "message 0");
        assertThat(contents(owner.call("GET", olderPage, null).json())).as("the next plain read too")
                .containsExactly("message 2", "edited 1", "message 0");

        var deleted = owner.call("DELETE", history + "/" + ids.get(6), null);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        assertThat(contents(owner.call("GET", history + LATEST, null, deleted.consistency()).json()))
                .containsExactly("message 7", "message 5", "message 4", "message 3", "message 2");
        assertThat(contents(owner.call("GET", history + LATEST, null).json())).doesNotContain("message 6");

        var sent = owner.send(channel, "message 8", Map.of());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
        assertThat(contents(owner.call("GET", history + LATEST, null, sent.consistency()).json()))
                .containsExactly("message 8", "message 7", "message 5", "message 4", "message 3");
        assertThat(contents(owner.call("GET", history + LATEST, null).json())).first().isEqualTo("message 8");
    }

    @Test
    void aPinOfAnOldMessageReachesThePageThatHoldsIt() {
        var owner = MessagingIT.User.fresh();
        var channel = owner.serverWithChannel("private").channelId();
        var history = "/api/v1/channels/" + channel + "/messages";
        var first = owner.send(channel, "pin me later", Map.of());
        var second = owner.send(channel, "later", Map.of());
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        var id = first.json().path("id").asText();
        var page = history + "?around=" + id + "&limit=3";
        var before = owner.call("GET", page, null, second.consistency());
        assertThat(pinned(before.json(), id)).isFalse();

        var pin = owner.call("PUT", "/api/v1/channels/" + channel + "/pins/" + id, null);
        assertThat(pin.status()).as(pin.toString()).isEqualTo(204);
        assertThat(pinned(owner.call("GET", page, null, pin.consistency()).json(), id)).isTrue();
        assertThat(pinned(owner.call("GET", page, null).json(), id)).isTrue();
    }

    private static List<String> contents(JsonNode page) {
        var contents = new ArrayList<String>();
        page.path("items").forEach(item -> contents.add(item.path("content").asText()));
        return contents;
    }

    private static boolean pinned(JsonNode page, String id) {
        for (var item : page.path("items")) {
            if (id.equals(item.path("id").asText())) {
                return item.path("pinned").asBoolean();
            }
        }
        throw new AssertionError("message " + id + " not on the page: " + page);
    }
}
