package io.beep.saga.platform.authz;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Which writes announce what: grants nothing, revocations of a plain user the user, anything
 * through a role's or the server's member set everybody; and every relation of the schema is
 * classified the way its expressions use it.
 */
class ChangeScopeTest {

    @Test
    void writesThatCanOnlyGrantAreNotAnnounced() {
        assertThat(ChangeScope.ofWrite(List.of(
                Tuple.of("server", "1", "owner", "user", "9"),
                Tuple.of("server", "1", "member", "user", "9"),
                Tuple.ofSet("server", "1", "grant_send_messages", "role", "5", "assignee"),
                Tuple.of("role", "5", "server", "server", "1"),
                Tuple.of("channel", "2", "server", "server", "1"),
                Tuple.of("channel", "3", "parent", "channel", "2"),
                Tuple.of("channel", "4", "recipient", "user", "9"),
                Tuple.of("channel", "4", "sender", "user", "9"),
                Tuple.ofSet("channel", "2", "role_allow_send_messages", "role", "5", "assignee"),
                Tuple.of("channel", "2", "member_allow_view_channels", "user", "9")))).isEqualTo(ChangeScope.NONE);
        assertThat(ChangeScope.ofDelete(List.of(Tuple.of("server", "1", "muted", "user", "9"),
                Tuple.ofSet("channel", "2", "everyone_deny_send_messages", "role", "5", "assignee"))))
                .as("lifting a mute or a deny only grants").isEqualTo(ChangeScope.NONE);
    }

    @Test
    void aChangeThatMayShrinkOnlyPlainUsersPermissionsNamesThem() {
        assertThat(ChangeScope.ofWrite(List.of(Tuple.of("server", "1", "muted", "user", "9"))).users())
                .containsExactly("9");
        assertThat(ChangeScope.ofWrite(List.of(Tuple.of("role", "5", "assignee", "user", "9"))).users())
                .as("a role may bring deny overwrites").containsExactly("9");
        assertThat(ChangeScope.ofDelete(List.of(Tuple.of("server", "1", "member", "user", "9"),
                Tuple.of("role", "5", "assignee", "user", "9"), Tuple.of("role", "6", "assignee", "user", "8"))))
                .isEqualTo(new ChangeScope(false, java.util.Set.of("8", "9")));
        assertThat(ChangeScope.ofDeleteMatching(TupleFilter.subject("user", "9", null)).users()).containsExactly("9");
    }

    @Test
    void aChangeThroughASubjectSetOrAWholeObjectConcernsEverybody() {
        assertThat(ChangeScope.ofWrite(List.of(
                Tuple.ofSet("channel", "2", "role_deny_send_messages", "role", "5", "assignee"))).everybody()).isTrue();
        assertThat(ChangeScope.ofWrite(List.of(Tuple.ofSet("role", "5", "assignee", "server", "1", "member")))
                .everybody()).isTrue();
        assertThat(ChangeScope.ofDelete(List.of(
                Tuple.ofSet("server", "1", "grant_send_messages", "role", "5", "assignee"))).everybody()).isTrue();
        assertThat(ChangeScope.ofDeleteMatching(TupleFilter.resource("server", "1")).everybody()).isTrue();
        assertThat(ChangeScope.ofDeleteMatching(TupleFilter.resource("channel", "2")).everybody()).isTrue();
        assertThat(ChangeScope.ofWrite(List.of(Tuple.of("channel", "2", "some_new_relation", "user", "9"))).users())
                .as("an unknown relation is read as both granting and taking away").containsExactly("9");
        var many = new java.util.ArrayList<Tuple>();
        for (int i = 0; i <= ChangeScope.MAX_USERS; i++) {
            many.add(Tuple.of("server", "1", "member", "user", Integer.toString(i)));
        }
        assertThat(ChangeScope.ofDelete(many).everybody()).as("too many users to name").isTrue();
    }

    /**
     * Every relation the schema declares, checked against how its permissions use it: a relation
     * classified as only granting never appears after an exclusion ({@code -}), one classified as
     * only taking away appears only there. (Reads the schema text; arrows through another object
     * are covered by the reasoning in {@link ChangeScope}.)
     */
    @Test
    void theClassificationMatchesTheSchema() throws Exception {
        String schema;
        try (var in = ChangeScopeTest.class.getResourceAsStream("/authz/schema.zed")) {
            assertThat(in).as("schema on the class path").isNotNull();
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var relations = Pattern.compile("^\\s*relation (\\w+):", Pattern.MULTILINE).matcher(schema).results()
                .map(m -> m.group(1)).distinct().toList();
        assertThat(relations).hasSizeGreaterThan(50);
        // "- x" and "- y->x" (an arrow: x is computed on the object y names) both negate x
        var negated = Pattern.compile("-\\s*(?:\\w+->)?(\\w+)").matcher(schema.replaceAll("//.*", "")).results()
                .map(m -> m.group(1)).toList();
        assertThat(negated).contains("muted", "everyone_deny_send_messages", "member_deny_view_channels");
        for (var relation : relations) {
            if (ChangeScope.onlyGrants(relation)) {
                assertThat(negated).as(relation + " is classified as only granting").doesNotContain(relation);
            }
            if (ChangeScope.onlyTakesAway(relation)) {
                assertThat(negated).as(relation + " is classified as only taking away").contains(relation);
            }
        }
    }
}
