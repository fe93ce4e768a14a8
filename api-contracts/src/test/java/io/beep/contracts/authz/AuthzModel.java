package io.beep.contracts.authz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The SpiceDB model files in {@code src/main/resources/authz}: {@code schema.zed} and the
 * generated {@code scenarios/*.yaml} (format described in {@code gen_scenarios.py}).
 */
final class AuthzModel {

    private static final String TYPE = "[a-z][a-z0-9_]{1,62}[a-z0-9]";
    private static final String ID = "[a-zA-Z0-9/_|\\-=+]+";
    /** {@code resource:id#relation@subject:id[#subject_relation]}. */
    private static final Pattern REL = Pattern.compile(
            "^(" + TYPE + "):(" + ID + ")#(" + TYPE + ")@(" + TYPE + "):(" + ID + ")(?:#(" + TYPE + "))?$");
    /** {@code resource_type#permission@subject:id}. */
    private static final Pattern LOOKUP_RESOURCES = Pattern.compile(
            "^(" + TYPE + ")#(" + TYPE + ")@(" + TYPE + "):(" + ID + ")$");
    /** {@code resource:id#permission@subject_type}. */
    private static final Pattern LOOKUP_SUBJECTS = Pattern.compile(
            "^(" + TYPE + "):(" + ID + ")#(" + TYPE + ")@(" + TYPE + ")$");

    private AuthzModel() {
    }

    /** A relationship, or (with {@code relation} = a permission) a check. */
    record Rel(String resourceType, String resourceId, String relation,
               String subjectType, String subjectId, String subjectRelation) {

        static Rel parse(String text) {
            Matcher m = REL.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not resource:id#relation@subject:id[#rel]: " + text);
            }
            return new Rel(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
        }

        @Override
        public String toString() {
            return resourceType + ":" + resourceId + "#" + relation + "@" + subjectType + ":" + subjectId
                    + (subjectRelation == null ? "" : "#" + subjectRelation);
        }
    }

    record LookupResources(String resourceType, String permission, String subjectType, String subjectId,
                           List<String> expected) {
        static LookupResources parse(String text, List<String> expected) {
            Matcher m = LOOKUP_RESOURCES.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not type#permission@subject:id: " + text);
            }
            return new LookupResources(m.group(1), m.group(2), m.group(3), m.group(4), List.copyOf(expected));
        }

        @Override
        public String toString() {
            return resourceType + "#" + permission + "@" + subjectType + ":" + subjectId;
        }
    }

    record LookupSubjects(String resourceType, String resourceId, String permission, String subjectType,
                          List<String> expected) {
        static LookupSubjects parse(String text, List<String> expected) {
            Matcher m = LOOKUP_SUBJECTS.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not resource:id#permission@subject_type: " + text);
            }
            return new LookupSubjects(m.group(1), m.group(2), m.group(3), m.group(4), List.copyOf(expected));
        }

        @Override
        public String toString() {
            return resourceType + ":" + resourceId + "#" + permission + "@" + subjectType;
        }
    }

    record Check(Rel check, boolean expected) {
    }

    record Scenario(String name, List<Rel> relationships, List<Check> checks,
                    List<LookupResources> lookupResources, List<LookupSubjects> lookupSubjects) {

        int assertionCount() {
            return checks.size() + lookupResources.size() + lookupSubjects.size();
        }

        @SuppressWarnings("unchecked")
        static Scenario load(Path file) {
            Map<String, Object> doc;
            try {
                doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> keys = List.of("relationships", "assertTrue", "assertFalse", "lookupResources",
                    "lookupSubjects");
            if (doc == null || !keys.containsAll(doc.keySet()) || !doc.keySet().containsAll(keys)) {
                throw new IllegalArgumentException(file + ": top-level keys must be exactly " + keys
                        + ", got " + (doc == null ? null : doc.keySet()));
            }
            List<Rel> rels = ((List<String>) doc.get("relationships")).stream().map(Rel::parse).toList();
            List<Check> checks = new ArrayList<>();
            ((List<String>) doc.get("assertTrue")).forEach(s -> checks.add(new Check(Rel.parse(s), true)));
            ((List<String>) doc.get("assertFalse")).forEach(s -> checks.add(new Check(Rel.parse(s), false)));
            List<LookupResources> lr = ((List<Map<String, Object>>) doc.get("lookupResources")).stream()
                    .map(e -> LookupResources.parse((String) e.get("lookup"), (List<String>) e.get("expected")))
                    .toList();
            List<LookupSubjects> ls = ((List<Map<String, Object>>) doc.get("lookupSubjects")).stream()
                    .map(e -> LookupSubjects.parse((String) e.get("lookup"), (List<String>) e.get("expected")))
                    .toList();
            return new Scenario(file.getFileName().toString(), rels, List.copyOf(checks), lr, ls);
        }
    }

    /** {@code src/main/resources/authz} of api-contracts (Maven runs tests in the module dir). */
    static Path dir() {
        Path base = Path.of(System.getProperty("basedir", "."));
        Path dir = base.resolve("src/main/resources/authz");
        if (!Files.isDirectory(dir)) {
            dir = base.resolve("api-contracts/src/main/resources/authz");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("authz model directory not found from " + base.toAbsolutePath());
        }
        return dir;
    }

    static String schema() {
        try {
            return Files.readString(dir().resolve("schema.zed"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> scenarioFiles() {
        try (Stream<Path> s = Files.list(dir().resolve("scenarios"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
