package io.beep.gateway.e2e;

import static io.beep.gateway.e2e.StackClient.get;
import static io.beep.gateway.e2e.StackClient.json;
import static io.beep.gateway.e2e.StackClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.beep.gateway.e2e.StackClient.Answer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The 50-server limit under concurrent requests: a fresh user fires 60 joins at once at 60 public
 * servers; exactly 50 succeed, 10 answer 409 SERVER_LIMIT_REACHED, and the user's server list shows
 * exactly the 50 that succeeded. Then creating a server is refused too, and leaving one frees a slot.
 */
class ServerLimitIT {

    private static final int SERVERS = 60;
    private static final int LIMIT = 50;

    @Test
    void fiftyFirstConcurrentJoinIsRefusedAndNothingIsHalfWritten() throws Exception {
        var owners = List.of(TestUsers.fresh("limit-owner"), TestUsers.fresh("limit-owner"));
        var serverIds = new ArrayList<String>();
        for (int i = 0; i < SERVERS; i++) {
            var owner = owners.get(i % owners.size());
            var created = post("/api/v1/servers", owner.token(),
                    json(Map.of("name", "Limit " + i + " " + UUID.randomUUID(), "visibility", "public")));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            serverIds.add(created.json().path("id").asText());
        }
        var joiner = TestUsers.fresh("joiner");

        var pool = Executors.newFixedThreadPool(20);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<Answer>>();
        try {
            for (var serverId : serverIds) {
                Callable<Answer> join = () -> {
                    start.await();
                    return post("/api/v1/servers/" + serverId + "/join", joiner.token(), "");
                };
                futures.add(pool.submit(join));
            }
            start.countDown();
            var joined = new HashSet<String>();
            var refused = 0;
            long newest = 0;
            for (int i = 0; i < futures.size(); i++) {
                var answer = futures.get(i).get();
                if (answer.status() == 200) {
                    joined.add(serverIds.get(i));
                    newest = Math.max(newest, Long.parseLong(answer.consistencyToken()));
                } else {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(409);
                    assertThat(answer.json().path("code").asText()).isEqualTo("SERVER_LIMIT_REACHED");
                    refused++;
                }
            }
            assertThat(joined).hasSize(LIMIT);
            assertThat(refused).isEqualTo(SERVERS - LIMIT);

            var token = Map.of("Beep-Consistency-Token", Long.toString(newest));
            var listed = new HashSet<String>();
            var page = get("/api/v1/users/@me/servers?limit=100", joiner.token(), token);
            page.json().path("items").forEach(s -> listed.add(s.path("id").asText()));
            assertThat(listed).isEqualTo(joined);

            var create = post("/api/v1/servers", joiner.token(), json(Map.of("name", "one too many")));
            assertThat(create.status()).as(create.toString()).isEqualTo(409);
            assertThat(create.json().path("code").asText()).isEqualTo("SERVER_LIMIT_REACHED");

            var refusedServer = serverIds.stream().filter(id -> !joined.contains(id)).findFirst().orElseThrow();
            var oneJoined = joined.iterator().next();
            var left = StackClient.request("DELETE", "/api/v1/servers/" + oneJoined + "/members/@me", joiner.token(),
                    null, Map.of());
            assertThat(left.status()).as(left.toString()).isEqualTo(204);
            var retry = post("/api/v1/servers/" + refusedServer + "/join", joiner.token(), "");
            assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }
}
