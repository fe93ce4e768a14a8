package io.beep.contracts.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beep.contracts.authz.AuthzModel.Check;
import io.beep.contracts.authz.AuthzModel.LookupResources;
import io.beep.contracts.authz.AuthzModel.LookupSubjects;
import io.beep.contracts.authz.AuthzModel.Rel;
import io.beep.contracts.authz.AuthzModel.Scenario;
import io.beep.contracts.authz.SpiceDbHttp.SpiceDbException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves {@code authz/schema.zed} against a REAL SpiceDB: every generated scenario file is loaded
 * into its own isolated datastore of a {@code spicedb serve-testing} instance (each distinct
 * bearer token gets a fresh in-memory datastore) and every expectation is checked, fully
 * consistent.
 *
 * <p>The instance is {@code BEEP_SPICEDB_TESTING_URL} (default {@code http://127.0.0.1:8444},
 * started by {@code ./beep infra}). Not reachable = the test fails: it never silently skips.
 */
class AuthorizationScenariosIT {

    static final String URL = System.getenv().getOrDefault("BEEP_SPICEDB_TESTING_URL", "http://127.0.0.1:8444");
    /** Items per CheckBulkPermissions call (SpiceDB allows up to 10,000). */
    static final int CHECK_BATCH = 500;
    /** Concurrent CheckBulkPermissions calls per scenario file. */
    static final int CHECK_THREADS = 4;
    static final int MAX_REPORTED = 20;

    static HttpClient http;
    static ExecutorService pool;
    static final AtomicInteger checked = new AtomicInteger();
    static final AtomicInteger files = new AtomicInteger();
    static long started;

    @BeforeAll
    static void connect() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        pool = Executors.newFixedThreadPool(CHECK_THREADS);
        started = System.nanoTime();
        try {
            fresh().writeSchema(AuthzModel.schema());
        } catch (RuntimeException e) {
            fail("SpiceDB serve-testing is not usable at " + URL + " (start it with ./beep infra, or set "
                    + "BEEP_SPICEDB_TESTING_URL): " + e.getMessage(), e);
        }
    }

    @AfterAll
    static void summary() {
        pool.shutdownNow();
        System.out.printf("SpiceDB scenarios: %d assertions checked in %d files against %s in %.1f s%n",
                checked.get(), files.get(), URL, (System.nanoTime() - started) / 1e9);
    }

    /** A client on a datastore of its own. */
    static SpiceDbHttp fresh() {
        return new SpiceDbHttp(http, URL, "beep-it-" + UUID.randomUUID());
    }

    @Test
    void schemaIsAcceptedAndABrokenOneIsRejected() {
        SpiceDbHttp spicedb = fresh();
        assertThat(spicedb.writeSchema(AuthzModel.schema())).isNotBlank();
        assertThat(spicedb.readSchema()).contains("definition server", "definition role", "definition channel",
                "permission manage_recipients");

        String broken = AuthzModel.schema().replace("permission view = member", "permission view = membr");
        assertThatThrownBy(() -> fresh().writeSchema(broken))
                .isInstanceOfSatisfying(SpiceDbException.class, e -> assertThat(e.status).isEqualTo(400))
                .hasMessageContaining("membr");
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFile() {
        List<Path> paths = AuthzModel.scenarioFiles();
        assertThat(paths).hasSize(10);
        return paths.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(Scenario.load(p))));
    }

    private void run(Scenario sc) throws Exception {
        SpiceDbHttp spicedb = fresh();
        spicedb.writeSchema(AuthzModel.schema());
        spicedb.writeRelationships(sc.relationships(), "OPERATION_TOUCH");

        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        List<Future<?>> batches = new ArrayList<>();
        List<Check> checks = sc.checks();
        for (int i = 0; i < checks.size(); i += CHECK_BATCH) {
            List<Check> batch = checks.subList(i, Math.min(checks.size(), i + CHECK_BATCH));
            batches.add(pool.submit(() -> {
                List<Boolean> got = spicedb.checkBulk(batch.stream().map(Check::check).toList(),
                        SpiceDbHttp.fullyConsistent());
                for (int j = 0; j < batch.size(); j++) {
                    if (got.get(j) != batch.get(j).expected()) {
                        wrong.add(batch.get(j).check() + " expected " + batch.get(j).expected() + ", got " + got.get(j));
                    }
                }
            }));
        }
        for (Future<?> f : batches) {
            f.get();
        }
        for (LookupResources l : sc.lookupResources()) {
            List<String> got = sorted(spicedb.lookupResources(l.resourceType(), l.permission(),
                    SpiceDbHttp.subject(l.subjectType(), l.subjectId(), null), SpiceDbHttp.fullyConsistent()));
            if (!got.equals(sorted(l.expected()))) {
                wrong.add("LookupResources " + l + " expected " + sorted(l.expected()) + ", got " + got);
            }
        }
        for (LookupSubjects l : sc.lookupSubjects()) {
            List<String> got = sorted(spicedb.lookupSubjects(SpiceDbHttp.object(l.resourceType(), l.resourceId()),
                    l.permission(), l.subjectType(), SpiceDbHttp.fullyConsistent()));
            if (!got.equals(sorted(l.expected()))) {
                wrong.add("LookupSubjects " + l + " expected " + sorted(l.expected()) + ", got " + got);
            }
        }
        checked.addAndGet(sc.assertionCount());
        files.incrementAndGet();
        if (!wrong.isEmpty()) {
            List<String> sortedWrong = sorted(wrong);
            fail(sc.name() + ": " + wrong.size() + " of " + sc.assertionCount() + " assertions wrong; first "
                    + Math.min(MAX_REPORTED, wrong.size()) + ":\n  "
                    + String.join("\n  ", sortedWrong.subList(0, Math.min(MAX_REPORTED, wrong.size()))));
        }
    }

    private static List<String> sorted(List<String> in) {
        List<String> out = new ArrayList<>(in);
        Collections.sort(out);
        return out;
    }

    /**
     * LookupResources on a small world, then the read-your-writes flow the services use: a write
     * (OPERATION_DELETE) returns {@code writtenAt.token}, a filter delete returns
     * {@code deletedAt.token}, and lookups / checks pass it as {@code atLeastAsFresh}.
     */
    @Test
    void lookupResourcesListsExactlyTheVisibleChannelsAndServers() {
        SpiceDbHttp spicedb = fresh();
        spicedb.writeSchema(AuthzModel.schema());
        String token = spicedb.writeRelationships(Stream.of(
                // server 1: owner 11, members 12 and 13; everyone role 100 grants VIEW + SEND
                "server:1#owner@user:11", "server:1#member@user:11", "server:1#member@user:12",
                "server:1#member@user:13", "role:100#server@server:1", "role:100#assignee@server:1#member",
                "server:1#grant_view_channels@role:100#assignee", "server:1#grant_send_messages@role:100#assignee",
                "channel:201#server@server:1",
                // #secret: everyone deny VIEW, member 13 allowed; 203 is a thread in it
                "channel:202#server@server:1", "channel:202#everyone_deny_view_channels@role:100#assignee",
                "channel:202#member_allow_view_channels@user:13", "channel:203#parent@channel:202",
                // server 2: owner 14, member 12; its everyone role grants nothing
                "server:2#owner@user:14", "server:2#member@user:14", "server:2#member@user:12",
                "role:200#server@server:2", "role:200#assignee@server:2#member", "channel:204#server@server:2",
                // dm between 12 and 14
                "channel:301#recipient@user:12", "channel:301#recipient@user:14",
                "channel:301#sender@user:12", "channel:301#sender@user:14"
        ).map(Rel::parse).toList(), "OPERATION_TOUCH");
        assertThat(token).isNotBlank();

        ObjectNode fresh = SpiceDbHttp.atLeastAsFresh(token);
        assertThat(channels(spicedb, "11", fresh)).containsExactly("201", "202", "203");
        assertThat(channels(spicedb, "12", fresh)).containsExactly("201", "301");
        assertThat(channels(spicedb, "13", fresh)).containsExactly("201", "202", "203");
        assertThat(channels(spicedb, "14", fresh)).containsExactly("204", "301");
        assertThat(channels(spicedb, "15", fresh)).isEmpty();
        assertThat(servers(spicedb, "11", fresh)).containsExactly("1");
        assertThat(servers(spicedb, "12", fresh)).containsExactly("1", "2");
        assertThat(servers(spicedb, "14", fresh)).containsExactly("2");
        assertThat(servers(spicedb, "15", fresh)).isEmpty();

        // MemberLeft(1, 13): exact relationship delete in a write call
        String left = spicedb.writeRelationships(List.of(Rel.parse("server:1#member@user:13")), "OPERATION_DELETE");
        assertThat(left).isNotBlank().isNotEqualTo(token);
        assertThat(channels(spicedb, "13", SpiceDbHttp.atLeastAsFresh(left))).isEmpty();
        assertThat(servers(spicedb, "13", SpiceDbHttp.atLeastAsFresh(left))).isEmpty();

        // ChannelDeleted(301): filter delete of everything on the channel
        ObjectNode filter = SpiceDbHttp.JSON.createObjectNode().put("resourceType", "channel")
                .put("optionalResourceId", "301");
        var deleted = spicedb.deleteRelationships(filter);
        String deletedAt = deleted.path("deletedAt").path("token").asText();
        assertThat(deletedAt).isNotBlank();
        assertThat(channels(spicedb, "12", SpiceDbHttp.atLeastAsFresh(deletedAt))).containsExactly("201");
        assertThat(spicedb.check(Rel.parse("channel:201#view@user:12"), SpiceDbHttp.atLeastAsFresh(deletedAt))).isTrue();
        assertThat(spicedb.check(Rel.parse("channel:301#view@user:12"), SpiceDbHttp.atLeastAsFresh(deletedAt))).isFalse();
    }

    private static List<String> channels(SpiceDbHttp spicedb, String user, ObjectNode consistency) {
        return sorted(spicedb.lookupResources("channel", "view", SpiceDbHttp.subject("user", user, null), consistency));
    }

    private static List<String> servers(SpiceDbHttp spicedb, String user, ObjectNode consistency) {
        return sorted(spicedb.lookupResources("server", "view", SpiceDbHttp.subject("user", user, null), consistency));
    }
}
