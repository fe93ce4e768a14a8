package io.beep.projections.admin.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import io.beep.contracts.channel.ChannelCreatedEvent;
import io.beep.contracts.channel.ChannelType;
import io.beep.contracts.common.ChannelId;
import io.beep.contracts.common.MessageId;
import io.beep.contracts.common.Permission;
import io.beep.contracts.common.RoleId;
import io.beep.contracts.common.ServerId;
import io.beep.contracts.common.UserId;
import io.beep.contracts.channel.ChannelDeletedEvent;
import io.beep.contracts.message.MessageAttachment;
import io.beep.contracts.message.MessageAttachmentsAddedEvent;
import io.beep.contracts.message.MessageDeletedEvent;
import io.beep.contracts.message.MessageEditedEvent;
import io.beep.contracts.message.MessagePinnedEvent;
import io.beep.contracts.message.MessageSentEvent;
import io.beep.contracts.message.MessageType;
import io.beep.contracts.message.MessageViewKeys;
import io.beep.contracts.server.MemberJoinedEvent;
import io.beep.contracts.server.MemberLeftEvent;
import io.beep.contracts.server.RoleAssignedEvent;
import io.beep.contracts.server.RoleCreatedEvent;
import io.beep.contracts.server.ServerCreatedEvent;
import io.beep.contracts.server.Visibility;
import io.beep.projections.ItInfrastructure;
import io.beep.projections.admin.deadletter.DeadLetters;
import io.beep.projections.admin.job.Job;
import io.beep.projections.admin.job.JobRunner;
import io.beep.projections.admin.job.Jobs;
import io.beep.projections.admin.job.JobsProperties;
import io.beep.projections.message.MessageStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Blue/green rebuilds against the real PostgreSQL and FerretDB (private schemas, see
 * {@link ItInfrastructure}) and real Keycloak tokens: the rebuilt copy equals the live one, reads
 * answer the full data all through the rebuild and its switch, the live processor follows new
 * events into the new copy, a job stopped midway (its runner shut down) is finished by a new
 * runner (a Mongo copy too, whose chunks are written while the next is handled), a cancelled
 * job drops its copy, and users without the operator role get 403.
 *
 * <p>The live processors must be this context's alone: a context of another test class kept in the
 * JVM would run processors of the same names on the same private schema, claiming the same tokens
 * (Axon's token owner is the JVM's name), and a lagging one re-applies old events over the views
 * this class compares (a member's join after the leave another processor applied). The
 * Spring-Boot test classes of this module close their context after their class; this class checks it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ProjectionRebuildIntegrationTest {

    private static final AtomicLong IDS = new AtomicLong((System.currentTimeMillis() << 22) + 7_000_000);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> SERVER_TABLES = List.of("server_view", "server_member", "server_role",
            "member_role", "server_ban", "channel_view", "invite_view");

    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DataSource views;
    @Autowired
    MongoDatabase mongo;
    @Autowired
    DeadLetters.AdminSchema adminSchema;
    @Autowired
    List<JobRunner> runners;
    @Autowired
    RebuildEvents events;
    @LocalServerPort
    int port;

    /** The channels {@link #history} created. */
    private final List<String> channels = new ArrayList<>();

    @BeforeAll
    static void prepare() throws Exception {
        ItInfrastructure.prepare();
    }

    @BeforeEach
    void theLiveProcessorsAreThisContextsAlone() {
        for (var processor : List.of("server-views", "messages")) {
            assertThat(runningProcessors(processor)).as("%s processors running in this JVM", processor).isOne();
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ItInfrastructure.register(registry);
        // small chunks: many checkpoints, so a job can be stopped midway
        registry.add("beep.admin.rebuild.chunk", () -> "25");
        registry.add("beep.admin.rebuild.read-batch", () -> "25");
        registry.add("beep.admin.rebuild.drop-grace-ms", () -> "1500");
    }

    @Test
    void theRebuiltServerViewsEqualTheLiveOnesAndReadsAnswerAllThroughTheSwitch() throws Exception {
        var servers = history(4, 30);
        awaitCaughtUp("server-views");
        var before = tables(servers);
        var db = new JdbcTemplate(views);
        var serverIds = servers.stream().map(Long::parseLong).toList();
        long expectedMembers = count(db, serverIds);

        var reads = new Reads(() -> count(db, serverIds) == expectedMembers);
        reads.start();
        var job = startRebuild("server-views");
        var done = awaitJob(job);
        reads.stop();

        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(done.path("processed").asLong()).isEqualTo(done.path("total").asLong()).isPositive();
        assertThat(tables(servers)).isEqualTo(before);
        assertThat(reads.failures).as("reads that failed or answered short during the rebuild").isEmpty();
        assertThat(reads.count.get()).isPositive();
        assertThat(schemas()).noneMatch(s -> s.startsWith("beep_rb_") && s.endsWith(copyOf(job)));
        awaitUntil(() -> schemas().stream().noneMatch(s -> s.equals("beep_old_" + copyOf(job))));
        assertThat(schemas()).doesNotContain("beep_old_" + copyOf(job));

        // the live processor goes on in the new copy
        var later = nextId();
        append("Server", later, 0, server(later));
        awaitCaughtUp("server-views");
        assertThat(db.queryForObject("select count(*) from server_view where id = ?", Long.class,
                Long.parseLong(later))).isEqualTo(1);
    }

    @Test
    void theRebuiltMessagesEqualTheLiveOnesAndTheLiveProcessorFollowsIntoTheNewCopy() throws Exception {
        history(2, 40);
        filesAndADeletedChannel();
        var channels = List.copyOf(this.channels);
        awaitCaughtUp("messages");
        var before = messages(channels);
        var searchBefore = searchCopies(channels);
        var indexesBefore = indexes();
        long expected = before.size();
        assertThat(searchBefore).hasSameSizeAs(before);
        assertThat(searchBefore).anyMatch(d -> d.get("attachments") instanceof List<?> files && !files.isEmpty());

        var reads = new Reads(() -> mongo.getCollection(MessageStore.COLLECTION)
                .countDocuments(new Document("channelId", new Document("$in", channels))) == expected);
        reads.start();
        var job = startRebuild("messages");
        var done = awaitJob(job);
        reads.stop();

        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("succeeded");
        assertThat(messages(channels)).isEqualTo(before);
        assertThat(searchCopies(channels)).isEqualTo(searchBefore);
        // the indexes left out while the copy was loaded are there before it serves
        assertThat(indexes()).isEqualTo(indexesBefore);
        assertThat(reads.failures).as("reads that failed or answered short during the rebuild").isEmpty();
        assertThat(new JdbcTemplate(views).queryForObject("select target from collection_alias where name = ?",
                String.class, MessageStore.COLLECTION)).isEqualTo(MessageStore.COLLECTION + "__" + copyOf(job));

        var server = nextId();
        var channel = nextId();
        var message = nextId();
        append("Message", message, 0, sent(message, channel, server, "after the switch"));
        awaitCaughtUp("messages");
        assertThat(mongo.getCollection(MessageStore.COLLECTION).find(new Document("_id", message)).first())
                .isNotNull();
        awaitUntil(() -> collections().stream().noneMatch(c -> c.equals(MessageStore.COLLECTION)));
        assertThat(collections()).filteredOn(c -> c.startsWith(MessageStore.COLLECTION + "__"))
                .containsOnly(MessageStore.COLLECTION + "__" + copyOf(job));
        assertThat(collections()).doesNotContain(MessageStore.COLLECTION, MessageStore.CHANNELS);
    }

    @Test
    void aRebuildStoppedMidwayIsFinishedByTheNextRunner() throws Exception {
        var servers = history(6, 40);
        awaitCaughtUp("server-views");
        var before = tables(servers);

        stopMidwayAndResume("server-views", (stopped, copy) -> assertThat(schemas()).contains("beep_rb_" + copy));

        assertThat(tables(servers)).isEqualTo(before);
    }

    @Test
    void aMessagesRebuildStoppedMidwayIsFinishedByTheNextRunnerWithTheLiveDocuments() throws Exception {
        history(2, 40);
        var channels = List.copyOf(this.channels);
        awaitCaughtUp("messages");
        var before = messages(channels);
        var searchBefore = searchCopies(channels);

        // stopped while a chunk was being written: it ended and counts
        stopMidwayAndResume("messages", (stopped, copy) ->
                assertThat(stopped.processed() % 25).as("whole chunks recorded").isZero());

        assertThat(messages(channels)).isEqualTo(before);
        assertThat(searchCopies(channels)).isEqualTo(searchBefore);
    }

    /**
     * Starts a rebuild of {@code processor}, stops its runner once 100 events are recorded, checks the
     * stopped job ({@code whileStopped} gets it and the copy's name), and has a new runner of the same
     * owner resume it to success.
     */
    private void stopMidwayAndResume(String processor, BiConsumer<Job, String> whileStopped)
            throws Exception {
        var owner = "rebuild-it-" + UUID.randomUUID();
        var first = new Jobs(views, adminSchema, JSON, runners, new JobsProperties(owner, 1));
        var copy = "r" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        var job = first.start("rebuild", JSON.createObjectNode().put("processor", processor).put("copy", copy));
        awaitUntil(() -> first.find(job.id()).orElseThrow().processed() >= 100);
        invoke(first, "stop");

        var stopped = first.find(job.id()).orElseThrow();
        assertThat(stopped.state()).isEqualTo(Job.RUNNING);
        assertThat(stopped.position()).isNotNull().isLessThan(events.head());
        whileStopped.accept(stopped, copy);

        var second = new Jobs(views, adminSchema, JSON, runners, new JobsProperties(owner, 1));
        invoke(second, "resume");
        awaitUntil(() -> !Job.RUNNING.equals(second.find(job.id()).orElseThrow().state()));
        var finished = second.find(job.id()).orElseThrow();
        assertThat(finished.state()).as(String.valueOf(finished.error())).isEqualTo(Job.SUCCEEDED);
        assertThat(finished.processed()).isGreaterThan(stopped.processed());
        invoke(second, "stop");
    }

    @Test
    void aCancelledRebuildEndsCancelledAndDropsItsCopy() throws Exception {
        history(4, 40);
        var job = startRebuild("server-views");
        var cancel = send("POST", "/api/v1/admin/jobs/" + job.path("id").asText() + "/cancel", token("admin"));
        assertThat(cancel.statusCode()).as(cancel.body()).isIn(200, 202);
        var done = awaitJob(job);
        assertThat(done.path("state").asText()).isEqualTo("cancelled");
        assertThat(schemas()).doesNotContain("beep_rb_" + copyOf(job));
        assertThat(send("POST", "/api/v1/admin/jobs/" + job.path("id").asText() + "/cancel", token("admin"))
                .statusCode()).isEqualTo(409);
        var listed = JSON.readTree(send("GET", "/api/v1/admin/jobs?kind=rebuild&state=cancelled", token("admin"))
                .body());
        assertThat(listed.path("items").findValuesAsText("id")).contains(job.path("id").asText());
    }

    @Test
    void unknownProjectionsAre404AndUsersWithoutTheOperatorRoleGet403() throws Exception {
        assertThat(send("POST", "/api/v1/admin/projections/no-such/rebuild", token("admin")).statusCode())
                .isEqualTo(404);
        var alice = token("alice");
        var forbidden = send("POST", "/api/v1/admin/projections/server-views/rebuild", alice);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(forbidden.body()).path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(send("GET", "/api/v1/admin/jobs", alice).statusCode()).isEqualTo(403);
        assertThat(send("POST", "/api/v1/admin/jobs/x/cancel", alice).statusCode()).isEqualTo(403);
    }

    // -- the history ------------------------------------------------------------------------

    /** Servers with members (some leave), roles, channels and messages (some edited, pinned, deleted). */
    private List<String> history(int servers, int membersEach) {
        var ids = new ArrayList<String>();
        for (int s = 0; s < servers; s++) {
            var server = nextId();
            ids.add(server);
            long seq = 0;
            append("Server", server, seq++, server(server));
            var role = nextId();
            append("Server", server, seq++, new RoleCreatedEvent(ServerId.of(server), RoleId.of(role), "mods",
                    Set.of(Permission.MANAGE_MESSAGES), UserId.of("owner")));
            for (int m = 0; m < membersEach; m++) {
                var user = UserId.of("user-" + server + "-" + m);
                append("Server", server, seq++, new MemberJoinedEvent(ServerId.of(server), user, now()));
                if (m % 5 == 0) {
                    append("Server", server, seq++, new RoleAssignedEvent(ServerId.of(server), RoleId.of(role), user,
                            UserId.of("owner")));
                }
                if (m % 7 == 3) {
                    append("Server", server, seq++, new MemberLeftEvent(ServerId.of(server), user, Set.of()));
                }
            }
            var channel = nextId();
            channels.add(channel);
            append("Channel", channel, 0, new ChannelCreatedEvent(ChannelId.of(channel), ServerId.of(server), "general",
                    ChannelType.TEXT, null, UserId.of("owner"), now()));
            for (int i = 0; i < membersEach; i++) {
                var message = nextId();
                append("Message", message, 0, sent(message, channel, server, "hello " + i));
                if (i % 4 == 1) {
                    append("Message", message, 1, new MessageEditedEvent(MessageId.of(message), ChannelId.of(channel),
                            UserId.of("owner"), "edited " + i, now()));
                } else if (i % 4 == 2) {
                    append("Message", message, 1, new MessagePinnedEvent(MessageId.of(message), ChannelId.of(channel),
                            UserId.of("owner"), null, now()));
                } else if (i % 9 == 3) {
                    append("Message", message, 1, new MessageDeletedEvent(MessageId.of(message), ChannelId.of(channel),
                            UserId.of("owner"), now()));
                }
            }
        }
        return ids;
    }

    /**
     * A server with a channel whose messages got files (and one a thread), and a channel deleted
     * with its messages; the kept channel joins {@link #channels}, and so does the deleted one
     * (none of its messages may be left).
     */
    private void filesAndADeletedChannel() {
        var server = nextId();
        var kept = nextId();
        var doomed = nextId();
        for (var channel : List.of(kept, doomed)) {
            append("Channel", channel, 0, new ChannelCreatedEvent(ChannelId.of(channel), ServerId.of(server), "c" + channel,
                    ChannelType.TEXT, null, UserId.of("owner"), now()));
            channels.add(channel);
            for (int i = 0; i < 12; i++) {
                var message = nextId();
                append("Message", message, 0, sent(message, channel, server, "files \"quoted\" \\ line\nbreak " + i));
                if (i % 3 == 0) {
                    append("Message", message, 1, new MessageAttachmentsAddedEvent(MessageId.of(message), ChannelId.of(channel),
                            ServerId.of(server), List.of(new MessageAttachment(nextId(), "Report Q" + i + ".txt", 30 + i,
                                    "text/plain"))));
                }
            }
        }
        append("Channel", doomed, 1, new ChannelDeletedEvent(ChannelId.of(doomed), ServerId.of(server), ChannelType.TEXT,
                UserId.of("owner")));
    }

    private static MessageSentEvent sent(String message, String channel, String server, String content) {
        return new MessageSentEvent(MessageId.of(message), ChannelId.of(channel), ServerId.of(server),
                UserId.of("author"), content, MessageType.DEFAULT, "n" + message, null, now());
    }

    private static ServerCreatedEvent server(String id) {
        return new ServerCreatedEvent(ServerId.of(id), "rebuild " + id, "rebuilds", Visibility.PRIVATE,
                UserId.of("owner"), RoleId.of(nextId()), Permission.everyoneDefaults(), ChannelId.of(nextId()), now());
    }

    private void append(String type, String aggregateId, long sequence, Object payload) {
        eventStore.publish(new GenericDomainEventMessage<>(type, aggregateId, sequence, payload));
    }

    // -- what is compared ---------------------------------------------------------------------

    /**
     * The rows of the given servers in every server-views table (other tests, possibly in other
     * JVMs, write into the same private schema at the same time).
     */
    private Map<String, List<Map<String, Object>>> tables(List<String> servers) {
        var db = new JdbcTemplate(views);
        var ids = servers.stream().map(Long::parseLong).toArray(Long[]::new);
        var all = new java.util.LinkedHashMap<String, List<Map<String, Object>>>();
        for (var table : SERVER_TABLES) {
            var column = table.equals("server_view") ? "id" : "server_id";
            all.put(table, db.queryForList("select * from " + table + " where " + column
                    + " = any (?) order by 1, 2, 3", (Object) ids));
        }
        return all;
    }

    /**
     * The message documents of the given channels by id, in each channel's order. The channel
     * numbers ({@code seq}, and the page {@code hp} made from it) may have gaps where a live batch
     * was handled twice; the rebuilt copy numbers without gaps: the order must be the same, the
     * numbers need not be.
     */
    private List<Document> messages(List<String> channels) {
        var all = new ArrayList<Document>();
        mongo.getCollection(MessageStore.COLLECTION).find(new Document("channelId", new Document("$in", channels)))
                .into(all);
        all.sort(java.util.Comparator.comparing((Document d) -> d.getString("channelId"))
                .thenComparing(d -> ((Number) d.get("seq")).longValue()));
        for (var document : all) {
            document.remove("seq");
            document.remove("hp");
        }
        return all;
    }

    /**
     * The search copies of the given channels' messages by id, without their numbers in the scope
     * ({@code ss}, with gaps where a live batch was handled twice) and the keys made from them
     * ({@code sk}), after checking each copy's keys are those of its words and number.
     */
    private List<Document> searchCopies(List<String> channels) {
        var all = new ArrayList<Document>();
        mongo.getCollection(MessageStore.SEARCH).find(new Document("channelId", new Document("$in", channels)))
                .sort(Sorts.ascending("_id")).into(all);
        for (var document : all) {
            if (!Boolean.TRUE.equals(document.getBoolean("deleted"))) {
                var scope = MessageViewKeys.scope(document.getString("serverId"), document.getString("channelId"));
                assertThat(document.getList("sk", String.class)).as(document.toJson()).isEqualTo(MessageViewKeys.searchKeys(
                        scope, document.getList("tokens", String.class), ((Number) document.get("ss")).longValue()));
            }
            for (var field : List.of("ss", "sk", "seq", "hp")) {
                document.remove(field);
            }
        }
        return all;
    }

    /**
     * The indexes of the live copies of the message collections: FerretDB's (by name) and, on
     * FerretDB, the GIN indexes added for lookups (by field).
     */
    private Map<String, Set<String>> indexes() throws Exception {
        var all = new java.util.TreeMap<String, Set<String>>();
        var liveNames = new JdbcTemplate(views);
        for (var name : List.of(MessageStore.COLLECTION, MessageStore.SEARCH, MessageStore.CHANNELS)) {
            var names = new java.util.TreeSet<String>();
            mongo.getCollection(name).listIndexes().forEach(index -> names.add(index.getString("name")));
            var target = liveNames.queryForList("select target from collection_alias where name = ?", String.class, name)
                    .stream().findFirst().orElse(name);
            try (var db = java.sql.DriverManager.getConnection(
                    System.getenv().getOrDefault("BEEP_PG_URL", "jdbc:postgresql://127.0.0.1:5432") + "/ferretdb",
                    System.getenv().getOrDefault("BEEP_PG_USER", "beep"), System.getenv().getOrDefault("BEEP_PG_PASSWORD", "beep"));
                 var statement = db.prepareStatement("select i.indexname, m._jsonb->>'table' from \"" + ItInfrastructure.MONGO_DB
                         + "\"._ferretdb_database_metadata m join pg_indexes i on i.schemaname = ? and i.tablename = m._jsonb->>'table' "
                         + "where m._jsonb->>'_id' = ? and i.indexname like 'beep\\_%\\_gin'")) {
                statement.setString(1, ItInfrastructure.MONGO_DB);
                statement.setString(2, target);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        names.add("gin " + rows.getString(1).replace("beep_" + rows.getString(2) + "_", ""));
                    }
                }
            }
            all.put(name, names);
        }
        return all;
    }

    private static long count(JdbcTemplate db, List<Long> servers) {
        long total = 0;
        for (var server : servers) {
            Long members = db.queryForObject("select count(*) from server_member where server_id = ?", Long.class,
                    server);
            total += members == null ? 0 : members;
        }
        return total;
    }

    private List<String> schemas() {
        return new JdbcTemplate(views).queryForList("select nspname from pg_namespace", String.class);
    }

    private List<String> collections() {
        var names = new ArrayList<String>();
        mongo.listCollectionNames().into(names);
        return names;
    }

    private static String copyOf(JsonNode job) {
        return null == job ? "" : job.path("copy").asText(job.path("id").asText());
    }

    // -- jobs over HTTP -------------------------------------------------------------------------

    private JsonNode startRebuild(String processor) throws Exception {
        var answer = send("POST", "/api/v1/admin/projections/" + processor + "/rebuild", token("admin"));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        var job = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(answer.body());
        var row = new JdbcTemplate(views).queryForObject("select params->>'copy' from admin_job where id = ?",
                String.class, job.path("id").asText());
        job.put("copy", row);
        return job;
    }

    private JsonNode awaitJob(JsonNode job) throws Exception {
        var token = token("admin");
        JsonNode now = job;
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            now = JSON.readTree(send("GET", "/api/v1/admin/jobs/" + job.path("id").asText(), token).body());
            if (!"running".equals(now.path("state").asText())) {
                break;
            }
            Thread.sleep(100);
        }
        return now;
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String token(String user) throws Exception {
        var keycloak = System.getenv().getOrDefault("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180");
        var request = HttpRequest.newBuilder(URI.create(keycloak + "/realms/beep/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=beep-cli&username=" + user
                        + "&password=" + user + "-pass"))
                .build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("access_token")
                .asText();
    }

    // -- helpers --------------------------------------------------------------------------------

    private void awaitCaughtUp(String processor) throws InterruptedException {
        long head = events.head();
        var live = processing.eventProcessor(processor, StreamingEventProcessor.class).orElseThrow();
        // Axon's tracking processor reports a position only once the batch holding it has committed
        awaitUntil(() -> live.processingStatus().values().stream()
                .anyMatch(s -> s.getCurrentPosition().orElse(0) >= head));
    }

    /**
     * The event processors named {@code processor} that have threads in this JVM: Axon gives each
     * processor's threads a thread group of their own, named after it.
     */
    private static long runningProcessors(String processor) {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getThreadGroup)
                .filter(group -> group != null && group.getName().equals("EventProcessor[" + processor + "]"))
                .distinct()
                .count();
    }

    /** Waits, bounded, for something to happen; what happened is asserted afterwards. */
    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private static void invoke(Jobs jobs, String method) throws Exception {
        var m = Jobs.class.getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(jobs);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String nextId() {
        return Long.toString(IDS.incrementAndGet());
    }

    /** A reader that keeps checking the views answer in full, recording what did not. */
    private static final class Reads {

        final List<String> failures = new CopyOnWriteArrayList<>();
        final AtomicInteger count = new AtomicInteger();
        private final BooleanSupplier complete;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread thread;

        Reads(BooleanSupplier complete) {
            this.complete = complete;
        }

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    try {
                        if (!complete.getAsBoolean()) {
                            failures.add("short answer at " + Instant.now());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    count.incrementAndGet();
                }
            });
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
