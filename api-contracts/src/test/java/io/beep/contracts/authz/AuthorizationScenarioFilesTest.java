package io.beep.contracts.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.beep.contracts.authz.AuthzModel.Check;
import io.beep.contracts.authz.AuthzModel.Rel;
import io.beep.contracts.authz.AuthzModel.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pure checks of the SpiceDB model files (no server): every scenario file parses, names only
 * relations / permissions that schema.zed declares, and is what gen_scenarios.py generates.
 * AuthorizationScenariosIT checks the answers against a real SpiceDB.
 */
class AuthorizationScenarioFilesTest {

    /** checks + LookupResources + LookupSubjects, as printed by gen_scenarios.py. */
    static final int EXPECTED_ASSERTIONS = 10_862;

    private static final Pattern DEFINITION = Pattern.compile("definition\\s+(\\w+)\\s*\\{([^{}]*)}");
    private static final Pattern MEMBER = Pattern.compile("(?m)^\\s*(relation|permission)\\s+(\\w+)\\s*[:=]\\s*(.*)$");

    /** type -> (name -> "relation" | "permission"); relation -> its allowed subject types. */
    private static final Map<String, Map<String, String>> NAMES = new HashMap<>();
    private static final Map<String, Set<String>> SUBJECTS = new HashMap<>();

    static {
        Matcher d = DEFINITION.matcher(AuthzModel.schema());
        while (d.find()) {
            Map<String, String> names = NAMES.computeIfAbsent(d.group(1), k -> new HashMap<>());
            Matcher m = MEMBER.matcher(d.group(2));
            while (m.find()) {
                names.put(m.group(2), m.group(1));
                if (m.group(1).equals("relation")) {
                    Set<String> allowed = new HashSet<>();
                    for (String s : m.group(3).split("\\|")) {
                        allowed.add(s.trim());
                    }
                    SUBJECTS.put(d.group(1) + "#" + m.group(2), allowed);
                }
            }
        }
    }

    @Test
    void schemaDeclaresTheDocumentedNames() {
        assertThat(NAMES.keySet()).containsExactlyInAnyOrder("user", "server", "role", "channel");
        assertThat(NAMES.get("server")).containsKeys("owner", "member", "muted", "view", "delete",
                "grant_administrator", "administrator", "manage_invites", "base_view_channels");
        assertThat(NAMES.get("role")).containsKeys("server", "assignee", "manage");
        assertThat(NAMES.get("channel")).containsKeys("view", "send", "attach_files", "manage_messages",
                "manage_channel", "manage_webhooks", "manage_permissions", "pin", "manage_recipients",
                "everyone_allow_view_channels", "role_deny_manage_roles", "member_allow_send_messages");
        assertThat(SUBJECTS.get("role#assignee")).containsExactlyInAnyOrder("user", "server#member");
    }

    @Test
    void everyScenarioFileParsesAndNamesOnlyDeclaredRelationsAndPermissions() {
        List<Path> files = AuthzModel.scenarioFiles();
        assertThat(files).hasSize(10);
        int total = 0;
        for (Path file : files) {
            Scenario sc = Scenario.load(file);
            assertThat(sc.relationships()).as(sc.name()).isNotEmpty();
            assertThat(sc.checks()).as(sc.name()).anyMatch(Check::expected).anyMatch(c -> !c.expected());
            for (Rel r : sc.relationships()) {
                assertThat(NAMES.get(r.resourceType())).as(sc.name() + " " + r).containsEntry(r.relation(), "relation");
                String subject = r.subjectType() + (r.subjectRelation() == null ? "" : "#" + r.subjectRelation());
                assertThat(SUBJECTS.get(r.resourceType() + "#" + r.relation())).as(sc.name() + " " + r).contains(subject);
            }
            Set<String> seen = new HashSet<>();
            for (Check c : sc.checks()) {
                assertThat(NAMES.get(c.check().resourceType())).as(sc.name() + " " + c).containsKey(c.check().relation());
                assertThat(seen.add(c.check().toString())).as(sc.name() + " asserted twice: " + c).isTrue();
            }
            sc.lookupResources().forEach(l -> assertThat(NAMES.get(l.resourceType())).containsKey(l.permission()));
            sc.lookupSubjects().forEach(l -> assertThat(NAMES.get(l.resourceType())).containsKey(l.permission()));
            total += sc.assertionCount();
        }
        assertThat(total).isEqualTo(EXPECTED_ASSERTIONS);
    }

    /** Like the former validate.sh: stale scenario files fail (only where python3 exists). */
    @Test
    void scenarioFilesAreWhatTheGeneratorWrites(@TempDir Path out) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("python3", AuthzModel.dir().resolve("gen_scenarios.py").toString(), out.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 not available: " + e.getMessage());
            return;
        }
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        for (Path committed : AuthzModel.scenarioFiles()) {
            assertThat(Files.readString(out.resolve(committed.getFileName().toString())))
                    .as("%s is stale: run python3 gen_scenarios.py", committed.getFileName())
                    .isEqualTo(Files.readString(committed));
        }
        try (var generated = Files.list(out)) {
            assertThat(generated.count()).isEqualTo(AuthzModel.scenarioFiles().size());
        }
    }
}
