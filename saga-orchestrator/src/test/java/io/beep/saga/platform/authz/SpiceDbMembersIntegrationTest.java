package io.beep.saga.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A server's members as the saga reads them before a change inside the server, from the real
 * SpiceDB that {@code ./beep} starts (relationships of a server id of the test's own, removed after).
 */
class SpiceDbMembersIntegrationTest {

    private static final String REDIS = System.getenv().getOrDefault("BEEP_REDIS_URL", "redis://127.0.0.1:6379");
    private final String server = "it-" + UUID.randomUUID();
    private final RelationshipChanges changes = new RelationshipChanges(new AuthzChangesProperties(REDIS, 2000));
    private final SpiceDbClient spiceDb = new SpiceDbClient(new ObjectMapper(), new AuthzProperties(
            System.getenv().getOrDefault("BEEP_SPICEDB_URL", "http://127.0.0.1:8443"),
            System.getenv().getOrDefault("BEEP_SPICEDB_KEY", "beep-dev-spicedb-key"), 5000), changes);

    @AfterEach
    void removeTheServer() {
        // nobody uses this server: nothing to announce
        spiceDb.deleteMatching(TupleFilter.resource("server", server), ChangeScope.NONE);
        changes.close();
    }

    @Test
    void aServersMembersAreTheUsersAChangeInsideItCanConcern() {
        spiceDb.write(List.of(member("u1"), member("u2"), Tuple.of("server", server, "owner", "user", "u1")));

        assertThat(spiceDb.membersOf(server)).isEqualTo(new ChangeScope(false, java.util.Set.of("u1", "u2")));
        assertThat(spiceDb.membersOf("it-" + UUID.randomUUID()).none()).as("no members: nobody").isTrue();
    }

    @Test
    void moreMembersThanCanBeNamedAreEverybody() {
        var members = new ArrayList<Tuple>();
        for (int i = 0; i <= ChangeScope.MAX_USERS; i++) {
            members.add(member("u" + i));
        }
        spiceDb.write(members);

        assertThat(spiceDb.membersOf(server)).isEqualTo(ChangeScope.EVERYBODY);
    }

    private Tuple member(String user) {
        return Tuple.of("server", server, "member", "user", user);
    }
}
