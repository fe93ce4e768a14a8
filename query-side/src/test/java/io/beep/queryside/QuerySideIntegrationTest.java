package io.beep.queryside;

import io.beep.contracts.common.Consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import io.beep.contracts.message.MessageViewKeys;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The read API against the real PostgreSQL, FerretDB and SpiceDB, with seeded views and relationships.
 * Bob is a member of server S, where channel C2 denies the everyone role VIEW_CHANNELS; Alice owns
 * S; Carol is in none of it.
 */
@SpringBootTest
@AutoConfigureMockMvc
class QuerySideIntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() << 22);
    private static final FakePositionServer POSITIONS = new FakePositionServer();

    static final String ALICE = UUID.randomUUID().toString();
    static final String BOB = UUID.randomUUID().toString();
    static final String CAROL = UUID.randomUUID().toString();
    static final long S = next();
    static final long T = next();
    static final long EVERYONE = next();
    static final long C1 = next();
    static final long C2 = next();
    static final long C3 = next();
    static final List<Long> C1_MESSAGES = new ArrayList<>();
    static final long C3_MESSAGE = next();

    @Autowired
    MockMvc http;
    @Autowired
    ObjectMapper json;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ItInfrastructure.register(registry);
        registry.add("beep.consistency.projections-target", POSITIONS::target);
        registry.add("beep.consistency.saga-target", POSITIONS::target);
        registry.add("beep.consistency.timeout-ms", () -> "500");
    }

    @BeforeAll
    static void seed() throws Exception {
        ItInfrastructure.prepare();
        var created = Instant.parse("2026-01-02T03:04:05Z");
        try (var db = ItInfrastructure.views()) {
            for (var server : List.of(new Object[] {S, "Alpha", ALICE, 2}, new Object[] {T, "Beta", BOB, 1})) {
                try (var insert = db.prepareStatement("INSERT INTO server_view (id, name, description, visibility, owner_id, "
                        + "member_count, created_at, last_position) VALUES (?, ?, 'seeded', 'private', ?, ?, ?, 1)")) {
                    insert.setLong(1, (Long) server[0]);
                    insert.setString(2, (String) server[1]);
                    insert.setString(3, (String) server[2]);
                    insert.setInt(4, (Integer) server[3]);
                    insert.setTimestamp(5, Timestamp.from(created));
                    insert.execute();
                }
            }
            for (var member : List.of(new Object[] {S, ALICE}, new Object[] {S, BOB}, new Object[] {T, BOB})) {
                try (var insert = db.prepareStatement(
                        "INSERT INTO server_member (server_id, user_id, joined_at) VALUES (?, ?, ?)")) {
                    insert.setLong(1, (Long) member[0]);
                    insert.setString(2, (String) member[1]);
                    insert.setTimestamp(3, Timestamp.from(created));
                    insert.execute();
                }
            }
            var channels = List.of(new Object[] {C1, "general", 0}, new Object[] {C2, "secret", 1},
                    new Object[] {C3, "announcements", 2});
            for (var channel : channels) {
                try (var insert = db.prepareStatement("INSERT INTO channel_view (id, server_id, type, name, "
                        + "parent_id, created_at, position, last_position) VALUES (?, ?, 'text', ?, NULL, ?, ?, 1)")) {
                    insert.setLong(1, (Long) channel[0]);
                    insert.setLong(2, S);
                    insert.setString(3, (String) channel[1]);
                    insert.setTimestamp(4, Timestamp.from(created));
                    insert.setInt(5, (Integer) channel[2]);
                    insert.execute();
                }
            }
        }
        var documents = new ArrayList<Document>();
        for (int i = 0; i < 5; i++) {
            long id = next();
            C1_MESSAGES.add(id);
            documents.add(message(id, C1, "message " + i));
        }
        documents.add(message(C3_MESSAGE, C3, "elsewhere"));
        ItInfrastructure.insertMessages(documents, SEQ);
        ItInfrastructure.writeAuthzSchema();
        ItInfrastructure.writeRelationships(List.of(
                new String[] {"server:" + S, "owner", "user:" + ALICE},
                new String[] {"server:" + S, "member", "user:" + ALICE},
                new String[] {"server:" + S, "member", "user:" + BOB},
                new String[] {"server:" + T, "owner", "user:" + BOB},
                new String[] {"server:" + T, "member", "user:" + BOB},
                new String[] {"role:" + EVERYONE, "server", "server:" + S},
                new String[] {"role:" + EVERYONE, "assignee", "server:" + S + "#member"},
                new String[] {"server:" + S, "grant_view_channels", "role:" + EVERYONE + "#assignee"},
                new String[] {"channel:" + C1, "server", "server:" + S},
                new String[] {"channel:" + C2, "server", "server:" + S},
                new String[] {"channel:" + C3, "server", "server:" + S},
                new String[] {"channel:" + C2, "everyone_deny_view_channels", "role:" + EVERYONE + "#assignee"}));
    }

    @Test
    void aMemberReadsTheServer() throws Exception {
        http.perform(as(BOB, get("/api/v1/servers/{id}", S)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(Long.toString(S)))
                .andExpect(jsonPath("$.name").value("Alpha"))
                .andExpect(jsonPath("$.visibility").value("private"))
                .andExpect(jsonPath("$.ownerId").value(ALICE))
                .andExpect(jsonPath("$.memberCount").value(2))
                .andExpect(jsonPath("$.createdAt").value("2026-01-02T03:04:05Z"));
    }

    @Test
    void aNonMemberAndAnUnknownServerGetTheSame404() throws Exception {
        http.perform(as(CAROL, get("/api/v1/servers/{id}", S)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        http.perform(as(BOB, get("/api/v1/servers/{id}", next())))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        http.perform(as(BOB, get("/api/v1/servers/not-a-number")))
                .andExpect(status().isNotFound());
    }

    @Test
    void myServersArePagedByCursor() throws Exception {
        var first = http.perform(as(BOB, get("/api/v1/users/@me/servers?limit=1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(1)))
                .andExpect(jsonPath("$.items[0].id").value(Long.toString(S)))
                .andReturn();
        var cursor = json.readTree(first.getResponse().getContentAsString()).path("nextCursor").asText();
        assertThat(cursor).isNotBlank();
        http.perform(as(BOB, get("/api/v1/users/@me/servers?limit=1&cursor={c}", cursor)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].id").value(Long.toString(T)))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
        http.perform(as(CAROL, get("/api/v1/users/@me/servers")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items", hasSize(0)))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
    }

    @Test
    void theChannelListHoldsOnlyWhatTheCallerMayView() throws Exception {
        http.perform(as(BOB, get("/api/v1/servers/{id}/channels", S)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].name", contains("general", "announcements")))
                .andExpect(jsonPath("$.items[0].serverId").value(Long.toString(S)))
                .andExpect(jsonPath("$.items[0].type").value("text"))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
        http.perform(as(ALICE, get("/api/v1/servers/{id}/channels", S)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].name", contains("general", "secret", "announcements")));
        http.perform(as(CAROL, get("/api/v1/servers/{id}/channels", S)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aChannelTheCallerMayNotViewIs404() throws Exception {
        http.perform(as(BOB, get("/api/v1/channels/{id}", C1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(Long.toString(C1)))
                .andExpect(jsonPath("$.parentId").value(nullValue()));
        http.perform(as(BOB, get("/api/v1/channels/{id}", C2)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        http.perform(as(ALICE, get("/api/v1/channels/{id}", C2)))
                .andExpect(status().isOk());
    }

    @Test
    void historyComesNewestFirstAndPagesBackwards() throws Exception {
        var ids = C1_MESSAGES.stream().map(String::valueOf).toList();
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages", C1)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[*].id",
                        contains(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0))))
                .andExpect(jsonPath("$.items[0].content").value("message 4"))
                .andExpect(jsonPath("$.items[0].channelId").value(Long.toString(C1)))
                .andExpect(jsonPath("$.items[0].type").value("default"))
                .andExpect(jsonPath("$.items[0].pinned").value(false))
                .andExpect(jsonPath("$.items[0].attachments", hasSize(0)))
                .andExpect(jsonPath("$.items[0].editedAt").value(nullValue()))
                .andExpect(jsonPath("$.nextCursor").value(nullValue()));
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages?limit=2", C1)))
                .andExpect(jsonPath("$.items[*].id", contains(ids.get(4), ids.get(3))))
                .andExpect(jsonPath("$.nextCursor").value(ids.get(3)));
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages?limit=2&before={b}", C1, ids.get(3))))
                .andExpect(jsonPath("$.items[*].id", contains(ids.get(2), ids.get(1))));
    }

    @Test
    void afterAndAroundPagesAreAlsoNewestFirst() throws Exception {
        var ids = C1_MESSAGES.stream().map(String::valueOf).toList();
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages?limit=2&after={a}", C1, ids.get(0))))
                .andExpect(jsonPath("$.items[*].id", contains(ids.get(2), ids.get(1))))
                .andExpect(jsonPath("$.nextCursor").value(ids.get(2)));
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages?limit=3&around={a}", C1, ids.get(2))))
                .andExpect(jsonPath("$.items[*].id", contains(ids.get(3), ids.get(2), ids.get(1))));
    }

    @Test
    void badHistoryParametersAre400() throws Exception {
        for (var query : List.of("limit=101", "limit=0", "before=1&after=2", "before=abc", "around=1.5")) {
            http.perform(as(BOB, get("/api/v1/channels/" + C1 + "/messages?" + query)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"));
        }
    }

    @Test
    void messagesOfAChannelTheCallerMayNotViewAre404() throws Exception {
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages", C2)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        http.perform(as(CAROL, get("/api/v1/channels/{id}/messages/{m}", C1, C1_MESSAGES.get(0))))
                .andExpect(status().isNotFound());
    }

    @Test
    void oneMessageIsFoundOnlyInItsOwnChannel() throws Exception {
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages/{m}", C1, C1_MESSAGES.get(1))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(Long.toString(C1_MESSAGES.get(1))))
                .andExpect(jsonPath("$.content").value("message 1"));
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages/{m}", C1, C3_MESSAGE)))
                .andExpect(status().isNotFound());
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() throws Exception {
        http.perform(get("/api/v1/servers/{id}", S))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
    }

    @Test
    void aConsistencyTokenWaitsForTheProcessorTheRouteReads() throws Exception {
        POSITIONS.takeRequests();
        http.perform(as(BOB, get("/api/v1/channels/{id}/messages", C1)).header("Beep-Consistency-Token", "42"))
                .andExpect(status().isOk());
        var asked = POSITIONS.takeRequests();
        assertThat(asked).anySatisfy(r -> {
            assertThat(r.getProcessorsList()).containsExactly("messages");
            assertThat(r.getPosition()).isEqualTo(42);
        });
        assertThat(asked).anySatisfy(r -> assertThat(r.getProcessorsList()).isEmpty());

        http.perform(as(BOB, get("/api/v1/servers/{id}", S)).header("Beep-Consistency-Token", "43"))
                .andExpect(status().isOk());
        assertThat(POSITIONS.takeRequests()).anySatisfy(r ->
                assertThat(r.getProcessorsList()).containsExactly("server-views"));
    }

    @Test
    void withoutAConsistencyTokenNothingWaits() throws Exception {
        POSITIONS.takeRequests();
        http.perform(as(BOB, get("/api/v1/channels/{id}", C1))).andExpect(status().isOk());
        assertThat(POSITIONS.takeRequests()).isEmpty();
    }

    @Test
    void aPositionNotReachedInTimeIs503ConsistencyTimeout() throws Exception {
        POSITIONS.answerReached(false);
        try {
            http.perform(as(BOB, get("/api/v1/channels/{id}/messages", C1)).header("Beep-Consistency-Token", "99"))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(jsonPath("$.code").value("CONSISTENCY_TIMEOUT"));
        } finally {
            POSITIONS.answerReached(true);
        }
    }

    @Test
    void theApiDocsDescribeTheReadRoutes() throws Exception {
        http.perform(get("/v3/api-docs"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/channels/{channelId}/messages']").exists())
                .andExpect(jsonPath("$.paths['/api/v1/users/@me/servers']").exists());
    }

    private static MockHttpServletRequestBuilder as(String user, MockHttpServletRequestBuilder request) {
        return request.with(jwt().jwt(j -> j.subject(user)));
    }

    /** A document as the projection writes it (see MessageViewKeys), numbered in its channel. */
    private static Document message(long id, long channel, String content) {
        long seq = SEQ.computeIfAbsent(channel, c -> new AtomicLong()).getAndIncrement();
        var words = List.of(content.split(" "));
        return new Document("_id", Long.toString(id))
                .append("n", id)
                .append("seq", seq)
                .append("hp", MessageViewKeys.pageKey(Long.toString(channel), MessageViewKeys.page(seq)))
                .append("sk", MessageViewKeys.searchKeys(MessageViewKeys.scope(Long.toString(S), null), words))
                .append("channelId", Long.toString(channel))
                .append("serverId", Long.toString(S))
                .append("authorId", ALICE)
                .append("content", content)
                .append("type", "default")
                .append("nonce", null)
                .append("replyTo", null)
                .append("createdAt", Date.from(Instant.ofEpochMilli(id >> 22)))
                .append("editedAt", null)
                .append("pinned", false)
                .append("attachments", List.of())
                .append("tokens", words)
                .append("position", 1L);
    }

    private static final Map<Long, AtomicLong> SEQ = new java.util.concurrent.ConcurrentHashMap<>();

    private static long next() {
        return IDS.incrementAndGet();
    }
}
