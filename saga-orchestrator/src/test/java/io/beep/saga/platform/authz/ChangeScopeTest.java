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
    void aChangeForEverybodyIsNarrowedToWhatItCanReach() {
        var members = new ChangeScope(false, java.util.Set.of("1", "2"));
        assertThat(ChangeScope.EVERYBODY.within(members)).isEqualTo(members);
        assertThat(ChangeScope.EVERYBODY.within(ChangeScope.EVERYBODY)).isEqualTo(ChangeScope.EVERYBODY);
        assertThat(new ChangeScope(false, java.util.Set.of("9")).within(members).users()).as("exact already")
                .containsExactly("9");
        assertThat(ChangeScope.NONE.within(members)).isEqualTo(ChangeScope.NONE);
        assertThat(ChangeScope.EVERYBODY.within(new ChangeScope(false, java.util.Set.of())).none())
                .as("a server without members: nobody to tell").isTrue();
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
     * Every relation the schema declares, checked against the sign it gets in the permissions: the
     * expressions are parsed the way SpiceDB reads them ({@code +} binds tighter than {@code &} and
     * {@code -}, which associate to the left), the right side of an exclusion flips the sign, and a
     * permission used inside another passes its sign on to its own relations (names are taken across
     * definitions, which can only add signs). A relation classified as only granting must never be
     * negative, one classified as only taking away never positive. The one exception is argued in
     * {@link ChangeScope}: {@code server} reaches {@code server->muted} negatively, but only in
     * permissions that are empty until the channel has its server relation.
     */
    @Test
    void theClassificationMatchesTheSchema() throws Exception {
        String schema;
        try (var in = ChangeScopeTest.class.getResourceAsStream("/authz/schema.zed")) {
            assertThat(in).as("schema on the class path").isNotNull();
            schema = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("//[^\\n]*", "");
        }
        var relations = Pattern.compile("^\\s*relation (\\w+):", Pattern.MULTILINE).matcher(schema).results()
                .map(m -> m.group(1)).distinct().toList();
        assertThat(relations).hasSizeGreaterThan(50);
        var permissions = new java.util.HashMap<String, List<String>>();
        Pattern.compile("permission (\\w+) = ([^\\n]+)").matcher(schema).results()
                .forEach(m -> permissions.computeIfAbsent(m.group(1), k -> new java.util.ArrayList<>()).add(m.group(2)));
        assertThat(permissions).containsKeys("send", "ow_send_messages", "in_server_send");

        // signs of every name: direct occurrences, then through the permissions that use them
        var signs = new java.util.HashMap<String, java.util.Set<Integer>>();
        var work = new java.util.ArrayDeque<java.util.Map.Entry<String, Integer>>();
        for (var name : permissions.keySet()) {
            work.add(java.util.Map.entry(name, +1));
        }
        while (!work.isEmpty()) {
            var next = work.poll();
            var seen = signs.computeIfAbsent(next.getKey(), k -> new java.util.HashSet<>());
            if (!seen.add(next.getValue())) {
                continue;
            }
            for (var expression : permissions.getOrDefault(next.getKey(), List.of())) {
                for (var occurrence : new Signs(expression).parse()) {
                    work.add(java.util.Map.entry(occurrence.getKey(), occurrence.getValue() * next.getValue()));
                }
            }
        }
        assertThat(signs.get("muted")).contains(-1);
        assertThat(signs.get("everyone_deny_send_messages")).containsExactly(-1);
        assertThat(signs.get("member_allow_view_channels")).containsExactly(+1);
        for (var relation : relations) {
            var sign = signs.getOrDefault(relation, java.util.Set.of());
            if (ChangeScope.onlyGrants(relation) && !relation.equals("server")) {
                assertThat(sign).as(relation + " is classified as only granting").doesNotContain(-1);
            }
            if (ChangeScope.onlyTakesAway(relation)) {
                assertThat(sign).as(relation + " is classified as only taking away").containsExactly(-1);
            }
        }
    }

    /** The signs of the names in one permission expression ({@code a->b}: both a and b get the sign). */
    private static final class Signs {
        private final java.util.regex.Matcher tokens;
        private String token;
        private final List<java.util.Map.Entry<String, Integer>> found = new java.util.ArrayList<>();

        Signs(String expression) {
            tokens = Pattern.compile("\\w+|->|[-+&()]").matcher(expression);
            advance();
        }

        List<java.util.Map.Entry<String, Integer>> parse() {
            expression(+1);
            assertThat(token).as("whole expression read").isNull();
            return found;
        }

        private void advance() {
            token = tokens.find() ? tokens.group() : null;
        }

        // expression := union (("&" | "-") union)*
        private void expression(int sign) {
            union(sign);
            while ("&".equals(token) || "-".equals(token)) {
                boolean exclusion = token.equals("-");
                advance();
                union(exclusion ? -sign : sign);
            }
        }

        // union := factor ("+" factor)*
        private void union(int sign) {
            factor(sign);
            while ("+".equals(token)) {
                advance();
                factor(sign);
            }
        }

        // factor := "(" expression ")" | name ("->" name)?
        private void factor(int sign) {
            if ("(".equals(token)) {
                advance();
                expression(sign);
                assertThat(token).isEqualTo(")");
                advance();
                return;
            }
            assertThat(token).as("a name").matches("\\w+");
            found.add(java.util.Map.entry(token, sign));
            advance();
            if ("->".equals(token)) {
                advance();
                found.add(java.util.Map.entry(token, sign));
                advance();
            }
        }
    }
}
