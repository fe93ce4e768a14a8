import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Send throughput benchmark: CONCURRENCY closed-loop senders POST messages through the gateway
 * for DURATION_S (after WARMUP_S), spread over USERS bench accounts (bench-send-NNN, made with the
 * beep-backend service account) who all joined one public server with CHANNELS text channels.
 * Reports messages/s, p50/p95/p99/max latency, status counts, and the CPU seconds each process
 * of the stack used during the measured window (from /proc/PID/stat).
 *
 * The 10-per-10-s message limit must be lifted for the bench users by configuration:
 * `java SendThroughput.java ids` prints their ids for BEEP_RATELIMIT_UNLIMITED_USERS
 * (bench/send-throughput does the restart and restores the normal configuration).
 *
 * Run: java bench/messaging/SendThroughput.java [ids|run]   (JDK 17, no dependencies; env settings)
 */
public class SendThroughput {

    static final String GW = env("BEEP_GATEWAY_URL", "http://127.0.0.1:8080");
    /** Where sends go; defaults to the gateway (set to the command side to measure the gateway's share). */
    static final String SEND_URL = env("SEND_URL", GW);
    static final String KC = env("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180") + "/realms/" + env("BEEP_KEYCLOAK_REALM", "beep");
    static final int USERS = Integer.parseInt(env("USERS", "16"));
    static final int CHANNELS = Integer.parseInt(env("CHANNELS", "8"));
    static final String LEVELS = env("CONCURRENCY", "16,64");
    static final int WARMUP_S = Integer.parseInt(env("WARMUP_S", "5"));
    static final int SECONDS = Integer.parseInt(env("DURATION_S", "30"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(4, r -> { var t = new Thread(r); t.setDaemon(true); return t; })).build();

    record User(int index, String name, String id, String token) { }

    public static void main(String[] args) throws Exception {
        var mode = args.length == 0 ? "run" : args[0];
        var users = setUpUsers();
        if (mode.equals("ids")) {
            System.out.println(String.join(",", users.stream().map(User::id).toList()));
            System.exit(0);
        }
        System.out.printf("gateway %s, %d users, %d channels, concurrency %s, %ds (+%ds warm-up) per level%n",
                GW, USERS, CHANNELS, LEVELS, SECONDS, WARMUP_S);
        var channels = setUpServer(users);
        probeUnlimited(users, channels);
        try {
            for (var level : LEVELS.split(",")) {
                run(Integer.parseInt(level.trim()), users, channels);
            }
        } finally {
            // owners have a 50-server limit and every run makes a server: remove it unless KEEP=1
            if (!"1".equals(System.getenv("KEEP"))) {
                var deleted = delete(GW + "/api/v1/servers/" + serverId, users.get(0).token());
                System.out.printf("server %s deleted: %d%n", serverId, deleted.statusCode());
            }
        }
        System.exit(0);
    }

    /** Fails early if the first user is still rate limited (the limit was not lifted). */
    static void probeUnlimited(List<User> users, String[] channels) throws Exception {
        var response = send(users.get(0), channels[0], "probe");
        if (response.headers().firstValue("X-RateLimit-Limit").isPresent()) {
            throw new IllegalStateException("bench users are rate limited: restart command-side with "
                    + "BEEP_RATELIMIT_UNLIMITED_USERS (see bench/send-throughput)");
        }
    }

    static void run(int concurrency, List<User> users, String[] channels) throws Exception {
        var statuses = new ConcurrentHashMap<String, AtomicLong>();
        var latencies = new long[concurrency][];
        var counts = new int[concurrency];
        long start = System.nanoTime();
        long measureFrom = start + WARMUP_S * 1_000_000_000L;
        long measureTo = measureFrom + SECONDS * 1_000_000_000L;
        var cpuBefore = new Map[1];
        var done = new CountDownLatch(concurrency);
        var sampler = new Thread(() -> {
            try {
                Thread.sleep(WARMUP_S * 1000L);
                cpuBefore[0] = cpu();
            } catch (Exception ignored) {
            }
        });
        sampler.start();
        for (int t = 0; t < concurrency; t++) {
            int thread = t;
            latencies[t] = new long[200_000];
            new Thread(() -> {
                var user = users.get(thread % users.size());
                var channel = channels[thread % channels.length];
                int seq = 0;
                try {
                    while (true) {
                        long t0 = System.nanoTime();
                        if (t0 >= measureTo) {
                            break;
                        }
                        String status;
                        try {
                            var response = send(user, channel, "bench " + thread + " " + (seq++) + " the quick brown fox");
                            status = Integer.toString(response.statusCode());
                        } catch (Exception e) {
                            status = e.getClass().getSimpleName();
                        }
                        long t1 = System.nanoTime();
                        if (t0 >= measureFrom) {
                            statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                            if (status.equals("201") && counts[thread] < latencies[thread].length) {
                                latencies[thread][counts[thread]++] = t1 - t0;
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }).start();
        }
        Thread.sleep(Math.max(0, (measureTo - System.nanoTime()) / 1_000_000));
        var cpuAfter = cpu();
        done.await();
        sampler.join();
        var all = new long[Arrays.stream(counts).sum()];
        int k = 0;
        for (int t = 0; t < concurrency; t++) {
            System.arraycopy(latencies[t], 0, all, k, counts[t]);
            k += counts[t];
        }
        Arrays.sort(all);
        System.out.printf("%nconcurrency %d: %d sent (201) in %d s = %.0f msg/s; latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s%n",
                concurrency, all.length, SECONDS, all.length / (double) SECONDS, pct(all, 50), pct(all, 95), pct(all, 99),
                all.length == 0 ? 0 : all[all.length - 1] / 1e6, new TreeMap<>(statuses));
        @SuppressWarnings("unchecked")
        Map<String, Long> before = cpuBefore[0];
        var used = new TreeMap<String, Double>();
        for (var e : cpuAfter.entrySet()) {
            double seconds = (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / 100.0;
            if (seconds > 0.05) {
                used.put(e.getKey(), seconds);
            }
        }
        System.out.printf("CPU during the %d s window (cores busy = CPU s / %d s):%n", SECONDS, SECONDS);
        used.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> System.out.printf("  %-28s %6.1f CPU s  %4.2f cores%n", e.getKey(), e.getValue(), e.getValue() / SECONDS));
        System.out.printf("  %-28s %6.1f CPU s  %4.2f cores%n", "TOTAL", used.values().stream().mapToDouble(d -> d).sum(),
                used.values().stream().mapToDouble(d -> d).sum() / SECONDS);
    }

    static HttpResponse<String> send(User user, String channel, String content) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(SEND_URL + "/api/v1/channels/" + channel + "/messages"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\":\"" + content + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** utime+stime (clock ticks) per process, labelled by service jar or command name. */
    static Map<String, Long> cpu() throws Exception {
        var result = new TreeMap<String, Long>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (var dir : dirs.toList()) {
                var name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    var stat = Files.readString(dir.resolve("stat"));
                    var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    var comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    var cmd = new String(Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
                    result.merge(label(comm, cmd, name), ticks, Long::sum);
                } catch (Exception ignored) {
                    // the process ended
                }
            }
        }
        return result;
    }

    static String label(String comm, String cmd, String pid) {
        for (var svc : List.of("gateway", "command-side", "query-side", "projections", "saga-orchestrator")) {
            if (cmd.contains(svc) && cmd.contains("java")) {
                return svc;
            }
        }
        if (cmd.contains("SendThroughput")) {
            return "bench client (java)";
        }
        if (cmd.contains("keycloak")) {
            return "keycloak";
        }
        if (cmd.contains("kafka")) {
            return "kafka";
        }
        if (comm.startsWith("postgres") || cmd.startsWith("postgres")) {
            return "postgres (all backends)";
        }
        if (cmd.contains("java")) {
            return "other java (" + (cmd.length() > 40 ? cmd.substring(cmd.length() - 40) : cmd).trim() + ")";
        }
        return comm;
    }

    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static List<User> setUpUsers() throws Exception {
        var admin = json(post(KC + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + env("BEEP_KEYCLOAK_CLIENT_ID", "beep-backend")
                        + "&client_secret=" + env("BEEP_BACKEND_SECRET", "beep-backend-secret")), "access_token");
        var adminUsers = KC.replace("/realms/", "/admin/realms/") + "/users";
        var users = new ArrayList<User>();
        for (int index = 0; index < USERS; index++) {
            var name = String.format("bench-send-%03d", index);
            var created = post(adminUsers, admin, "application/json", "{\"username\":\"" + name + "\",\"enabled\":true,"
                    + "\"email\":\"" + name + "@bench.beep.local\",\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"" + index + "\","
                    + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + name + "-pass\",\"temporary\":false}]}");
            if (created.statusCode() != 201 && created.statusCode() != 409) {
                throw new IllegalStateException("cannot create " + name + ": " + created.statusCode() + " " + created.body());
            }
            var token = json(post(KC + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                    "grant_type=password&client_id=beep-cli&username=" + name + "&password=" + enc(name + "-pass")), "access_token");
            var claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            users.add(new User(index, name, claims.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1"), token));
        }
        return users;
    }

    /** The server this run made. */
    static String serverId;

    static HttpResponse<String> delete(String url, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A fresh public server owned by the first user, CHANNELS channels, every other user joined. */
    static String[] setUpServer(List<User> users) throws Exception {
        var owner = users.get(0);
        serverId = id(post(GW + "/api/v1/servers", owner.token(), "application/json",
                "{\"name\":\"send bench " + Instant.now() + "\",\"description\":\"send bench\",\"visibility\":\"public\"}"));
        var channels = new String[CHANNELS];
        for (int c = 0; c < CHANNELS; c++) {
            channels[c] = id(post(GW + "/api/v1/servers/" + serverId + "/channels", owner.token(), "application/json",
                    "{\"name\":\"bench-" + c + "\",\"type\":\"text\"}"));
        }
        for (var user : users.subList(1, users.size())) {
            var joined = post(GW + "/api/v1/servers/" + serverId + "/join", user.token(), "application/json", "");
            if (joined.statusCode() >= 300) {
                throw new IllegalStateException("join failed: " + joined.statusCode() + " " + joined.body());
            }
        }
        System.out.printf("server %s with %d channels, %d members%n", serverId, CHANNELS, users.size());
        return channels;
    }

    static String id(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return json(response, "id");
    }

    static HttpResponse<String> post(String url, String bearer, String type, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String json(HttpResponse<String> response, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
