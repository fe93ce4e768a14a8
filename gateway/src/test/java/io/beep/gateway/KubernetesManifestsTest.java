package io.beep.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks the Kubernetes manifests in {@code k8s/} (kustomize base and the overlays {@code dev} and {@code prod})
 * against the five services' {@code application.yml}: every file parses and is listed by its kustomization, every
 * setting a service cannot run in a pod without reaches that service in each overlay (secrets from Secrets),
 * every Secret and ConfigMap referenced is provided by the base or the overlay, container ports and probes match
 * the services' ports and actuator settings, the single-instance services stay single, and only the gateway is
 * reachable from outside. Offline: it reads files and emulates the little of kustomize it needs (generators,
 * env of patches); {@code kubectl kustomize k8s/overlays/<name>} is the manual check that kustomize renders them.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path K8S = ROOT.resolve("k8s");
    private static final List<String> SERVICES =
            List.of("gateway", "command-side", "query-side", "projections", "saga-orchestrator");
    private static final List<String> OVERLAYS = List.of("dev", "prod");
    /** Services whose gRPC PositionService answers from the JVM's own processor state: exactly one instance. */
    private static final Set<String> SINGLE_INSTANCE = Set.of("projections", "saga-orchestrator");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|_KEY)$");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern LOOPBACK = Pattern.compile("127\\.0\\.0\\.1|localhost");
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");

    private static final Yaml YAML = new Yaml(new SafeConstructor(new LoaderOptions()));

    /** Every document of every YAML file under k8s/, by file. */
    private static Map<Path, List<Map<String, Object>>> documents;

    @BeforeAll
    static void readManifests() throws IOException {
        assertThat(K8S.resolve("base/kustomization.yaml")).as("kustomize base under %s", K8S).isRegularFile();
        documents = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(K8S)) {
            for (var file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                var docs = new ArrayList<Map<String, Object>>();
                for (var doc : YAML.loadAll(Files.readString(file))) {
                    if (doc != null) {
                        assertThat(doc).as("%s: every document is a mapping", K8S.relativize(file)).isInstanceOf(Map.class);
                        docs.add(map(doc));
                    }
                }
                documents.put(file, docs);
            }
        }
    }

    @Test
    void everyManifestIsAKubernetesObjectWithKindAndName() {
        var problems = new ArrayList<String>();
        documents.forEach((file, docs) -> {
            if (docs.isEmpty()) {
                problems.add(rel(file) + ": no document");
            }
            for (var doc : docs) {
                var kind = str(doc.get("kind"));
                if (doc.get("apiVersion") == null || kind == null) {
                    problems.add(rel(file) + ": document without apiVersion/kind");
                } else if (!kind.equals("Kustomization") && str(map(doc.get("metadata")).get("name")) == null) {
                    problems.add(rel(file) + ": " + kind + " without metadata.name");
                }
            }
        });
        assertThat(documents).as("manifests under k8s/").isNotEmpty();
        assertThat(problems).isEmpty();
    }

    @Test
    void kustomizationsListEveryManifestFileOfTheirDirectory() throws IOException {
        var problems = new ArrayList<String>();
        for (var dir : kustomizationDirs()) {
            var kustomization = kustomization(dir);
            var listed = new TreeSet<String>();
            for (var resource : strings(kustomization.get("resources"))) {
                var target = dir.resolve(resource).normalize();
                if (!Files.exists(target)) {
                    problems.add(rel(dir) + ": resource " + resource + " does not exist");
                } else if (Files.isRegularFile(target)) {
                    listed.add(target.getFileName().toString());
                }
            }
            for (var patch : list(kustomization.get("patches"))) {
                var path = str(map(patch).get("path"));
                if (path != null) {
                    if (!Files.isRegularFile(dir.resolve(path))) {
                        problems.add(rel(dir) + ": patch " + path + " does not exist");
                    }
                    listed.add(Path.of(path).getFileName().toString());
                }
            }
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(Files::isRegularFile)
                        .map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                        .filter(n -> !listed.contains(n))
                        .forEach(n -> problems.add(rel(dir) + ": " + n + " is not listed in kustomization.yaml"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everySettingAServiceCannotRunWithoutInAPodReachesItInEachOverlay() throws IOException {
        var problems = new ArrayList<String>();
        for (var overlay : OVERLAYS) {
            var view = new OverlayView(overlay);
            for (var service : SERVICES) {
                var sources = view.envSources(service);
                for (var placeholder : placeholders(service)) {
                    var name = placeholder.name();
                    var required = placeholder.fallback() == null
                            || LOOPBACK.matcher(placeholder.fallback()).find()
                            || SECRET_NAME.matcher(name).matches();
                    if (required && !sources.containsKey(name)) {
                        problems.add(overlay + "/" + service + ": " + name + " is read by application.yml ("
                                + (placeholder.fallback() == null ? "no default" : "default " + placeholder.fallback())
                                + ") but the workload does not provide it");
                    }
                    var source = sources.get(name);
                    if (source != null && SECRET_NAME.matcher(name).matches() && !source.secret()) {
                        problems.add(overlay + "/" + service + ": " + name + " is a secret but comes from " + source.from());
                    }
                    if (source != null && source.value() != null && LOOPBACK.matcher(source.value()).find()) {
                        problems.add(overlay + "/" + service + ": " + name + " = " + source.value()
                                + " (" + source.from() + ") is a loopback address inside a pod");
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyReferencedSecretAndConfigMapIsProvidedByTheBaseOrTheOverlay() throws IOException {
        var problems = new ArrayList<String>();
        for (var overlay : OVERLAYS) {
            var view = new OverlayView(overlay);
            for (var doc : view.all()) {
                for (var ref : references(doc)) {
                    var provided = ref.secret() ? view.secrets : view.configMaps;
                    var keys = provided.get(ref.name());
                    var what = (ref.secret() ? "Secret " : "ConfigMap ") + ref.name();
                    if (keys == null) {
                        problems.add(overlay + ": " + kindName(doc) + " references " + what + ", which nothing provides");
                    } else if (ref.key() != null && !keys.containsKey(ref.key())) {
                        problems.add(overlay + ": " + kindName(doc) + " references key " + ref.key() + " of " + what
                                + ", which has " + keys.keySet());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void containerPortsAndProbesMatchTheServicesConfiguration() throws IOException {
        var problems = new ArrayList<String>();
        var base = new OverlayView(null);
        for (var service : SERVICES) {
            var config = applicationYml(service);
            var container = base.container(service);
            var env = base.envSources(service);
            var ports = new LinkedHashMap<String, Integer>();
            for (var port : list(container.get("ports"))) {
                ports.put(str(map(port).get("name")), integer(map(port).get("containerPort")));
            }
            int http = Integer.parseInt(resolve(str(at(config, "server", "port")), env));
            expect(problems, service + ": container port http", ports.get("http"), http);

            var grpcSetting = str(at(config, "beep", "grpc", "port"));
            var grpc = grpcSetting == null ? null : Integer.parseInt(resolve(grpcSetting, env));
            expect(problems, service + ": container port grpc", ports.get("grpc"), grpc);

            var managementSetting = env.get("MANAGEMENT_SERVER_PORT");
            int management = managementSetting == null ? http : Integer.parseInt(managementSetting.value());
            if (managementSetting != null) {
                expect(problems, service + ": container port management", ports.get("management"), management);
            }

            if (!Boolean.TRUE.equals(at(config, "management", "endpoint", "health", "probes", "enabled"))) {
                problems.add(service + ": application.yml does not enable management.endpoint.health.probes");
            }
            var exposed = str(at(config, "management", "endpoints", "web", "exposure", "include"));
            if (exposed == null || !List.of(exposed.split(",")).contains("health")) {
                problems.add(service + ": application.yml does not expose the health endpoint");
            }
            if (at(config, "management", "endpoints", "web", "base-path") != null) {
                problems.add(service + ": the actuator base path is moved; probes expect /actuator");
            }
            for (var probe : List.of("readinessProbe", "livenessProbe")) {
                var get = map(map(container.get(probe)).get("httpGet"));
                var path = "/actuator/health/" + probe.replace("Probe", "");
                expect(problems, service + ": " + probe + " path", str(get.get("path")), path);
                var port = get.get("port");
                var number = port instanceof Integer i ? i : ports.get(str(port));
                expect(problems, service + ": " + probe + " port", number, management);
            }

            var serviceDoc = base.find("Service", service);
            var servicePorts = new LinkedHashMap<String, Integer>();
            for (var port : list(serviceDoc.get("spec") == null ? null : map(serviceDoc.get("spec")).get("ports"))) {
                servicePorts.put(str(map(port).get("name")), integer(map(port).get("port")));
            }
            expect(problems, service + ": Service port http", servicePorts.get("http"), http);
            expect(problems, service + ": Service port grpc", servicePorts.get("grpc"), grpc);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void singleInstanceServicesStaySingleAndCommandSideInstancesHaveDistinctWorkerIds() throws IOException {
        var problems = new ArrayList<String>();
        for (var overlay : OVERLAYS) {
            var view = new OverlayView(overlay);
            for (var doc : view.all()) {
                var kind = str(doc.get("kind"));
                var name = str(map(doc.get("metadata")).get("name"));
                if (WORKLOAD_KINDS.contains(kind) && SINGLE_INSTANCE.contains(name)) {
                    var replicas = map(doc.get("spec")).get("replicas");
                    if (replicas != null && integer(replicas) > 1) {
                        problems.add(overlay + ": " + name + " has " + replicas + " replicas; it must run once");
                    }
                }
                if ("HorizontalPodAutoscaler".equals(kind)) {
                    var target = str(map(map(doc.get("spec")).get("scaleTargetRef")).get("name"));
                    if (target != null && (SINGLE_INSTANCE.contains(target) || target.equals("command-side"))) {
                        problems.add(overlay + ": an autoscaler scales " + target);
                    }
                }
            }
        }
        var base = new OverlayView(null);
        for (var service : SINGLE_INSTANCE) {
            var strategy = str(map(map(base.workload(service).get("spec")).get("strategy")).get("type"));
            expect(problems, service + ": Deployment strategy", strategy, "Recreate");
        }
        expect(problems, "command-side: workload kind", str(base.workload("command-side").get("kind")), "StatefulSet");
        var workerId = list(base.container("command-side").get("env")).stream().map(KubernetesManifestsTest::map)
                .filter(e -> "BEEP_WORKER_ID".equals(e.get("name"))).findFirst()
                .map(e -> str(map(map(e.get("valueFrom")).get("fieldRef")).get("fieldPath"))).orElse(null);
        expect(problems, "command-side: BEEP_WORKER_ID", workerId, "metadata.labels['apps.kubernetes.io/pod-index']");
        assertThat(problems).isEmpty();
    }

    @Test
    void onlyTheGatewayIsReachableFromOutsideAndGrpcOnlyFromBeepServices() throws IOException {
        var problems = new ArrayList<String>();
        for (var overlay : OVERLAYS) {
            var view = new OverlayView(overlay);
            var policies = view.all().stream().filter(d -> "NetworkPolicy".equals(d.get("kind"))).toList();
            var denyAll = policies.stream().anyMatch(p -> map(map(p.get("spec")).get("podSelector")).isEmpty()
                    && strings(map(p.get("spec")).get("policyTypes")).contains("Ingress")
                    && map(p.get("spec")).get("ingress") == null);
            if (!denyAll) {
                problems.add(overlay + ": no default-deny ingress NetworkPolicy");
            }
            for (var service : SERVICES) {
                var labels = map(map(map(map(view.workload(service).get("spec")).get("template")).get("metadata")).get("labels"));
                for (var policy : policies) {
                    var spec = map(policy.get("spec"));
                    if (!selects(map(spec.get("podSelector")), labels)) {
                        continue;
                    }
                    for (var rule : list(spec.get("ingress"))) {
                        var ports = list(map(rule).get("ports")).stream().map(p -> str(map(p).get("port"))).toList();
                        for (var peer : list(map(rule).get("from"))) {
                            var from = map(peer);
                            var outside = from.containsKey("namespaceSelector") || from.containsKey("ipBlock");
                            var beepPods = !outside && "beep".equals(str(map(map(from.get("podSelector"))
                                    .get("matchLabels")).get("app.kubernetes.io/part-of")));
                            var gatewayPods = !outside && "gateway".equals(str(map(map(from.get("podSelector"))
                                    .get("matchLabels")).get("app.kubernetes.io/name")));
                            for (var port : ports.isEmpty() ? List.of("*") : ports) {
                                var allowed = switch (port) {
                                    case "management" -> true;
                                    case "http" -> service.equals("gateway") || gatewayPods;
                                    case "grpc" -> beepPods || gatewayPods;
                                    default -> false;
                                };
                                if (!allowed) {
                                    problems.add(overlay + ": NetworkPolicy " + map(policy.get("metadata")).get("name")
                                            + " opens port " + port + " of " + service + " to " + from);
                                }
                            }
                        }
                    }
                }
            }
            for (var ingress : view.all().stream().filter(d -> "Ingress".equals(d.get("kind"))).toList()) {
                for (var rule : list(map(ingress.get("spec")).get("rules"))) {
                    for (var path : list(map(map(rule).get("http")).get("paths"))) {
                        var backend = map(map(map(path).get("backend")).get("service"));
                        var port = map(backend.get("port"));
                        if (!"gateway".equals(str(backend.get("name"))) || !"http".equals(str(port.get("name")))) {
                            problems.add(overlay + ": Ingress path " + map(path).get("path") + " leads to "
                                    + backend.get("name") + ":" + port);
                        }
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    // ---- the overlay as the services see it ----

    /** Where a container's environment variable comes from; value when known (literals, ConfigMap literals). */
    private record EnvSource(String from, boolean secret, String value) {
    }

    private record Reference(boolean secret, String name, String key) {
    }

    private record Placeholder(String name, String fallback) {
    }

    /**
     * The base plus one overlay (or the base alone): its objects (resources and patches), and the Secrets and
     * ConfigMaps with their keys and, for generated ones, their values.
     */
    private static final class OverlayView {

        private final List<Map<String, Object>> resources = new ArrayList<>();
        private final List<Map<String, Object>> patches = new ArrayList<>();
        private final Map<String, Map<String, String>> secrets = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();

        OverlayView(String overlay) throws IOException {
            read(K8S.resolve("base"));
            if (overlay != null) {
                read(K8S.resolve("overlays").resolve(overlay));
            }
        }

        private void read(Path dir) {
            var kustomization = kustomization(dir);
            for (var resource : strings(kustomization.get("resources"))) {
                var target = dir.resolve(resource).normalize();
                if (Files.isRegularFile(target)) {
                    resources.addAll(documents.getOrDefault(target, List.of()));
                }
            }
            for (var patch : list(kustomization.get("patches"))) {
                var path = str(map(patch).get("path"));
                if (path != null) {
                    patches.addAll(documents.getOrDefault(dir.resolve(path).normalize(), List.of()));
                } else if (map(patch).get("patch") instanceof String inline && YAML.load(inline) instanceof Map<?, ?> doc) {
                    patches.add(map(doc));
                }
            }
            generate(kustomization.get("configMapGenerator"), configMaps);
            generate(kustomization.get("secretGenerator"), secrets);
            for (var doc : resources) {
                var kind = str(doc.get("kind"));
                var name = str(map(doc.get("metadata")).get("name"));
                if ("Secret".equals(kind)) {
                    var keys = new LinkedHashMap<String, String>();
                    map(doc.get("data")).keySet().forEach(k -> keys.put(k, null));
                    map(doc.get("stringData")).forEach((k, v) -> keys.put(k, str(v)));
                    secrets.put(name, keys);
                } else if ("ConfigMap".equals(kind)) {
                    var keys = new LinkedHashMap<String, String>();
                    map(doc.get("data")).forEach((k, v) -> keys.put(k, str(v)));
                    configMaps.put(name, keys);
                } else if ("ExternalSecret".equals(kind)) {
                    var spec = map(doc.get("spec"));
                    var target = Objects.requireNonNullElse(str(map(spec.get("target")).get("name")), name);
                    var keys = new LinkedHashMap<String, String>();
                    list(spec.get("data")).forEach(d -> keys.put(str(map(d).get("secretKey")), null));
                    secrets.put(target, keys);
                }
            }
        }

        private static void generate(Object generators, Map<String, Map<String, String>> into) {
            for (var generator : list(generators)) {
                var spec = map(generator);
                var name = str(spec.get("name"));
                var keys = "merge".equals(spec.get("behavior"))
                        ? into.computeIfAbsent(name, n -> new LinkedHashMap<>())
                        : new LinkedHashMap<String, String>();
                for (var literal : strings(spec.get("literals"))) {
                    var eq = literal.indexOf('=');
                    keys.put(literal.substring(0, eq), literal.substring(eq + 1));
                }
                into.put(name, keys);
            }
        }

        List<Map<String, Object>> all() {
            var all = new ArrayList<>(resources);
            all.addAll(patches);
            return all;
        }

        Map<String, Object> find(String kind, String name) {
            return resources.stream()
                    .filter(d -> kind.equals(d.get("kind")) && name.equals(map(d.get("metadata")).get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in the base"));
        }

        Map<String, Object> workload(String service) {
            return resources.stream()
                    .filter(d -> WORKLOAD_KINDS.contains(str(d.get("kind"))))
                    .filter(d -> service.equals(map(d.get("metadata")).get("name")))
                    .findFirst().orElseThrow(() -> new AssertionError("no Deployment/StatefulSet " + service));
        }

        Map<String, Object> container(String service) {
            return containers(workload(service)).stream().filter(c -> service.equals(c.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(service + ": no container named " + service));
        }

        /** The container's environment: envFrom (whole ConfigMaps/Secrets), then env, then env of patches. */
        Map<String, EnvSource> envSources(String service) {
            var sources = new LinkedHashMap<String, EnvSource>();
            var containers = new ArrayList<Map<String, Object>>();
            containers.add(container(service));
            patches.stream()
                    .filter(p -> WORKLOAD_KINDS.contains(str(p.get("kind"))))
                    .filter(p -> service.equals(map(p.get("metadata")).get("name")))
                    .flatMap(p -> containers(p).stream())
                    .filter(c -> service.equals(c.get("name")))
                    .forEach(containers::add);
            for (var container : containers) {
                for (var from : list(container.get("envFrom"))) {
                    var configMap = str(map(map(from).get("configMapRef")).get("name"));
                    var secret = str(map(map(from).get("secretRef")).get("name"));
                    if (configMap != null) {
                        configMaps.getOrDefault(configMap, Map.of())
                                .forEach((k, v) -> sources.put(k, new EnvSource("ConfigMap " + configMap, false, v)));
                    }
                    if (secret != null) {
                        secrets.getOrDefault(secret, Map.of())
                                .forEach((k, v) -> sources.put(k, new EnvSource("Secret " + secret, true, v)));
                    }
                }
                for (var entry : list(container.get("env"))) {
                    var env = map(entry);
                    var valueFrom = map(env.get("valueFrom"));
                    EnvSource source;
                    if (valueFrom.containsKey("secretKeyRef")) {
                        var ref = map(valueFrom.get("secretKeyRef"));
                        source = new EnvSource("Secret " + ref.get("name"), true,
                                secrets.getOrDefault(str(ref.get("name")), Map.of()).get(str(ref.get("key"))));
                    } else if (valueFrom.containsKey("configMapKeyRef")) {
                        var ref = map(valueFrom.get("configMapKeyRef"));
                        source = new EnvSource("ConfigMap " + ref.get("name"), false,
                                configMaps.getOrDefault(str(ref.get("name")), Map.of()).get(str(ref.get("key"))));
                    } else if (valueFrom.containsKey("fieldRef")) {
                        source = new EnvSource("fieldRef", false, null);
                    } else {
                        source = new EnvSource("a literal value", false, str(env.get("value")));
                    }
                    sources.put(str(env.get("name")), source);
                }
            }
            return sources;
        }
    }

    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        var spec = map(map(map(workload.get("spec")).get("template")).get("spec"));
        var all = new ArrayList<Map<String, Object>>();
        list(spec.get("initContainers")).forEach(c -> all.add(map(c)));
        list(spec.get("containers")).forEach(c -> all.add(map(c)));
        return all;
    }

    /** Secret and ConfigMap references of a workload: env, envFrom and volumes. */
    private static List<Reference> references(Map<String, Object> doc) {
        var refs = new ArrayList<Reference>();
        if (!WORKLOAD_KINDS.contains(str(doc.get("kind")))) {
            return refs;
        }
        for (var container : containers(doc)) {
            for (var from : list(container.get("envFrom"))) {
                var configMap = map(map(from).get("configMapRef"));
                var secret = map(map(from).get("secretRef"));
                if (!configMap.isEmpty() && !Boolean.TRUE.equals(configMap.get("optional"))) {
                    refs.add(new Reference(false, str(configMap.get("name")), null));
                }
                if (!secret.isEmpty() && !Boolean.TRUE.equals(secret.get("optional"))) {
                    refs.add(new Reference(true, str(secret.get("name")), null));
                }
            }
            for (var env : list(container.get("env"))) {
                var valueFrom = map(map(env).get("valueFrom"));
                var secret = map(valueFrom.get("secretKeyRef"));
                var configMap = map(valueFrom.get("configMapKeyRef"));
                if (!secret.isEmpty()) {
                    refs.add(new Reference(true, str(secret.get("name")), str(secret.get("key"))));
                }
                if (!configMap.isEmpty()) {
                    refs.add(new Reference(false, str(configMap.get("name")), str(configMap.get("key"))));
                }
            }
        }
        var podSpec = map(map(map(doc.get("spec")).get("template")).get("spec"));
        for (var volume : list(podSpec.get("volumes"))) {
            var secret = map(map(volume).get("secret"));
            var configMap = map(map(volume).get("configMap"));
            if (!secret.isEmpty()) {
                refs.add(new Reference(true, str(secret.get("secretName")), null));
            }
            if (!configMap.isEmpty()) {
                refs.add(new Reference(false, str(configMap.get("name")), null));
            }
        }
        return refs;
    }

    /** Whether a label selector (matchLabels, matchExpressions In/NotIn/Exists) selects pods with these labels. */
    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        for (var entry : selector.entrySet()) {
            if (entry.getKey().equals("matchLabels")) {
                for (var label : map(entry.getValue()).entrySet()) {
                    if (!Objects.equals(labels.get(label.getKey()), label.getValue())) {
                        return false;
                    }
                }
            } else if (entry.getKey().equals("matchExpressions")) {
                for (var expression : list(entry.getValue())) {
                    var e = map(expression);
                    var value = labels.get(str(e.get("key")));
                    var values = strings(e.get("values"));
                    var ok = switch (str(e.get("operator"))) {
                        case "In" -> values.contains(value);
                        case "NotIn" -> !values.contains(value);
                        case "Exists" -> value != null;
                        case "DoesNotExist" -> value == null;
                        default -> false;
                    };
                    if (!ok) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    // ---- application.yml ----

    private static Map<String, Object> applicationYml(String service) throws IOException {
        var file = ROOT.resolve(service).resolve("src/main/resources/application.yml");
        // the first document: the default profile
        return map(YAML.loadAll(Files.readString(file)).iterator().next());
    }

    /** Every {@code ${ENV_NAME}} / {@code ${ENV_NAME:default}} of the service's application.yml, nested ones too. */
    private static List<Placeholder> placeholders(String service) throws IOException {
        var text = Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml"));
        var found = new ArrayList<Placeholder>();
        scan(text.lines().filter(l -> !l.stripLeading().startsWith("#")).reduce("", (a, b) -> a + "\n" + b), found);
        return found;
    }

    private static void scan(String text, List<Placeholder> into) {
        int i = text.indexOf("${");
        while (i >= 0) {
            int depth = 1;
            int j = i + 2;
            int colon = -1;
            while (j < text.length() && depth > 0) {
                if (text.startsWith("${", j)) {
                    depth++;
                    j++;
                } else if (text.charAt(j) == '}') {
                    depth--;
                } else if (text.charAt(j) == ':' && depth == 1 && colon < 0) {
                    colon = j;
                }
                j++;
            }
            var body = text.substring(i + 2, j - 1);
            var name = colon < 0 ? body : text.substring(i + 2, colon);
            var fallback = colon < 0 ? null : text.substring(colon + 1, j - 1);
            if (ENV_NAME.matcher(name).matches()) {
                into.add(new Placeholder(name, fallback));
            }
            if (fallback != null) {
                scan(fallback, into);
            }
            i = text.indexOf("${", j);
        }
    }

    /** A setting's value as the pod sees it: {@code ${NAME:default}} resolved against the container's environment. */
    private static String resolve(String setting, Map<String, EnvSource> env) {
        var found = new ArrayList<Placeholder>();
        scan(setting, found);
        if (found.isEmpty()) {
            return setting;
        }
        var outer = found.get(0);
        var source = env.get(outer.name());
        if (source != null && source.value() != null) {
            return source.value();
        }
        return resolve(Objects.requireNonNull(outer.fallback(), setting + " has no value"), env);
    }

    // ---- helpers ----

    private static List<Path> kustomizationDirs() throws IOException {
        try (Stream<Path> files = Files.walk(K8S)) {
            return files.filter(f -> f.getFileName().toString().equals("kustomization.yaml"))
                    .map(Path::getParent).sorted().toList();
        }
    }

    private static Map<String, Object> kustomization(Path dir) {
        var docs = documents.get(dir.resolve("kustomization.yaml").normalize());
        assertThat(docs).as("%s/kustomization.yaml", rel(dir)).isNotNull().hasSize(1);
        return docs.get(0);
    }

    private static void expect(List<String> problems, String what, Object actual, Object expected) {
        if (!Objects.equals(actual, expected)) {
            problems.add(what + " is " + actual + ", expected " + expected);
        }
    }

    private static Object at(Map<String, Object> map, String... path) {
        Object node = map;
        for (var key : path) {
            node = map(node).get(key);
        }
        return node;
    }

    private static String kindName(Map<String, Object> doc) {
        return doc.get("kind") + " " + map(doc.get("metadata")).get("name");
    }

    private static String rel(Path path) {
        return ROOT.relativize(path).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<Object> list(Object node) {
        return node instanceof List<?> l ? new ArrayList<>(l) : List.of();
    }

    private static List<String> strings(Object node) {
        return list(node).stream().map(KubernetesManifestsTest::str).toList();
    }

    private static String str(Object node) {
        return node == null ? null : node.toString();
    }

    private static Integer integer(Object node) {
        return node == null ? null : node instanceof Integer i ? i : Integer.valueOf(node.toString());
    }
}
