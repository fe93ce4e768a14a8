package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.InvitesIT.after;
import static io.beep.gateway.e2e.InvitesIT.assertProblem;
import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import io.beep.gateway.e2e.TestUsers.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Discovering public servers by name and description through the gateway against the running stack. */
class DiscoverIT {

    private static Answer create(User owner, String name, String description, String visibility) {
        var created = post("/api/v1/servers", owner.token(),
                json(Map.of("name", name, "description", description, "visibility", visibility)));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    /** A word no other run has used: letters only, so it is one search token. */
    private static String uniqueWord() {
        var word = new StringBuilder("zq");
        for (int i = 0; i < 12; i++) {
            word.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
        }
        return word.toString();
    }

    private static Answer discover(User user, String q, String extra, Map<String, String> headers) {
        return get("/api/v1/servers/discover?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + extra, user.token(),
                headers);
    }

    @Test
    void findsPublicServersByNameAndDescriptionNameMatchesFirstAccentsIgnored() {
        var owner = TestUsers.fresh("disc-owner");
        var searcher = TestUsers.fresh("disc-searcher");
        var word = uniqueWord();
        var byDescription = create(owner, "Quiet corner", "a place for " + word + " fans", "public");
        var byName = create(owner, "Ĉafé " + word + " club", "coffee talk", "public");
        var hidden = create(owner, "Secret " + word, word + " only", "private");

        var found = discover(searcher, word, "", after(hidden));
        assertThat(found.status()).as(found.toString()).isEqualTo(200);
        assertThat(found.json().path("items").findValuesAsText("id"))
                .containsExactly(byName.json().path("id").asText(), byDescription.json().path("id").asText());

        var accentless = discover(searcher, "cafe " + word.substring(0, 8), "", after(hidden));
        assertThat(accentless.json().path("items").findValuesAsText("id"))
                .containsExactly(byName.json().path("id").asText());

        var first = discover(searcher, word, "&limit=1", after(hidden));
        assertThat(first.json().path("items").findValuesAsText("id")).containsExactly(byName.json().path("id").asText());
        var cursor = first.json().path("nextCursor").asText();
        var second = discover(searcher, word, "&limit=1&cursor=" + cursor, Map.of());
        assertThat(second.json().path("items").findValuesAsText("id"))
                .containsExactly(byDescription.json().path("id").asText());
        assertThat(second.json().path("nextCursor").isNull()).isTrue();

        assertThat(discover(searcher, word + " nothingelse", "", Map.of()).json().path("items").size()).isZero();
    }

    @Test
    void badDiscoverInputIsA400() {
        var searcher = TestUsers.fresh("disc-searcher");
        assertProblem(discover(searcher, "x".repeat(201), "", Map.of()), 400, "VALIDATION_FAILED");
        assertProblem(discover(searcher, "x", "&limit=0", Map.of()), 400, "VALIDATION_FAILED");
        assertProblem(discover(searcher, "x", "&cursor=bogus", Map.of()), 400, "VALIDATION_FAILED");
        assertThat(discover(searcher, "&&& !!", "", Map.of()).status()).isEqualTo(200);
    }
}
