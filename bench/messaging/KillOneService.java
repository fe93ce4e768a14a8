import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * "No message lost or duplicated when any one service is killed mid-load." For each service in
 * SERVICES: USERS fresh users send messages into one channel through the gateway, each message
 * with its own Idempotency-Key (= nonce); KILL_AT_S seconds in, the service gets SIGKILL and is
 * started again by ./beep; every sender retries a failed send with the SAME key until it gets a
 * 201/200 (what a client does after a timeout or a 5xx). When the load ends, the channel's
 * whole history is read back (with the consistency token of the last send) and every nonce a
 * client ever sent must be there exactly once, and nothing else.
 *
 * SERVICES may also name {@code spicedb} (the authorization server; Permify in the design): it is
 * killed, kept down for OUTAGE_S seconds, then started again by ./beep infra. While it is down every
 * send must fail closed (503 AUTHORIZATION_UNAVAILABLE, nothing stored), and a user who joins the
 * server during the outage (the join is stored, its relationship cannot be written) must be able to
 * send once SpiceDB is back: the saga's relationship writes converge without anyone's help.
 *
 * Senders stay under the 10-per-10-s limit by honouring 429 Retry-After (no configuration change).
 * Run: java bench/messaging/KillOneService.java (JDK 17, no dependencies; from the repository root).
 */
public class KillOneService {

    static final String GW = env("BEEP_GATEWAY_URL", "http://127.0.0.1:8080");
    static final String KC = env("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180") + "/realms/" + env("BEEP_KEYCLOAK_REALM", "beep");
    static final String SERVICES = env("SERVICES", "command-side,projections,saga-orchestrator,query-side,gateway");
    static final int USERS = Integer.parseInt(env("USERS", "16"));
    static final int LOAD_S = Integer.parseInt(env("LOAD_S", "40"));
    static final int KILL_AT_S = Integer.parseInt(env("KILL_AT_S", "10"));
    static final int OUTAGE_S = Integer.parseInt(env("OUTAGE_S", "10"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();
    static final Pattern PID = Pattern.compile("\\bpid (\\d+)");

    record User(String name, String token) { }

    public static void main(String[] args) throws Exception {
        var run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        var all = setUpUsers(run);
        var joiner = all.remove(all.size() - 1);
        var users = all;
        System.out.printf("%d users, %d s of load per service, kill at %d s; %s%n", USERS, LOAD_S, KILL_AT_S,
                Instant.now());
        System.out.println("| service killed | sent (acknowledged) | retries after errors | errors seen | time to recover | in history | lost | duplicated | unexpected |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        boolean allGood = true;
        for (var service : SERVICES.split(",")) {
            allGood &= round(service.trim(), users, run, joiner);
        }
        System.exit(allGood ? 0 : 1);
    }

    static boolean round(String service, List<User> users, String run, User joiner) throws Exception {
        var owner = users.get(0);
        var serverId = field(setup(GW + "/api/v1/servers", owner.token(), "{\"name\":\"kill " + service + " " + run
                + "\",\"description\":\"kill bench\",\"visibility\":\"public\"}"), "id");
        var channelId = field(setup(GW + "/api/v1/servers/" + serverId + "/channels", owner.token(),
                "{\"name\":\"kill\",\"type\":\"text\"}"), "id");
        for (var user : users.subList(1, users.size())) {
            setup(GW + "/api/v1/servers/" + serverId + "/join", user.token(), "");
        }
        var acked = new ConcurrentHashMap<String, String>();
        var retries = new AtomicLong();
        var errors = new ConcurrentHashMap<String, AtomicLong>();
        var lastToken = new AtomicLong();
        var stop = new AtomicBoolean();
        var pool = Executors.newFixedThreadPool(users.size());
        long start = System.nanoTime();
        for (var user : users) {
            pool.submit(() -> {
                for (int i = 0; !stop.get(); i++) {
                    var nonce = run + "-" + service + "-" + user.name() + "-" + i;
                    sendUntilAcknowledged(user, channelId, nonce, acked, retries, errors, lastToken);
                }
                return null;
            });
        }
        Thread.sleep(KILL_AT_S * 1000L);
        long killedAt = System.nanoTime();
        String converged = "";
        if (service.equals("spicedb")) {
            converged = outage(service, serverId, channelId, joiner, run, acked, errors, lastToken);
        } else {
            kill(service);
        }
        long recovered = waitUntilAcknowledgedAfter(acked, killedAt);
        Thread.sleep(Math.max(0, LOAD_S * 1000L - (System.nanoTime() - start) / 1_000_000));
        stop.set(true);
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);

        var history = readAll(owner, channelId, lastToken.get());
        var counts = new HashMap<String, Integer>();
        for (var nonce : history) {
            counts.merge(nonce, 1, Integer::sum);
        }
        long lost = acked.keySet().stream().filter(n -> !counts.containsKey(n)).count();
        long duplicated = counts.values().stream().filter(c -> c > 1).count();
        long unexpected = counts.keySet().stream().filter(n -> !acked.containsKey(n)).count();
        System.out.printf("| %s%s | %d | %d | %s | %.1f s | %d | **%d** | **%d** | %d |%n", service, converged, acked.size(), retries.get(),
                errors.isEmpty() ? "none" : errors.toString(), (recovered - killedAt) / 1e9, history.size(), lost,
                duplicated, unexpected);
        return lost == 0 && duplicated == 0 && unexpected == 0;
    }

    static void sendUntilAcknowledged(User user, String channelId, String nonce, Map<String, String> acked,
                                      AtomicLong retries, Map<String, AtomicLong> errors, AtomicLong lastToken)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            try {
                var response = send("POST", GW + "/api/v1/channels/" + channelId + "/messages", user.token(),
                        "{\"content\":\"kill bench " + nonce + "\",\"nonce\":\"" + nonce + "\"}", nonce);
                int status = response.statusCode();
                if (status == 201 || status == 200) {
                    acked.put(nonce, field(response, "id"));
                    response.headers().firstValue("Beep-Consistency-Token")
                            .ifPresent(t -> lastToken.accumulateAndGet(Long.parseLong(t), Math::max));
                    return;
                }
                if (status == 429) {
                    long wait = response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(1L);
                    Thread.sleep(wait * 1000L);
                    continue;
                }
                errors.computeIfAbsent(status + code(response), s -> new AtomicLong()).incrementAndGet();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                errors.computeIfAbsent(e.getClass().getSimpleName(), s -> new AtomicLong()).incrementAndGet();
            }
            retries.incrementAndGet();
            Thread.sleep(Math.min(2000, 100L << Math.min(attempt, 4)));
        }
        throw new IllegalStateException("no acknowledgement for " + nonce + " within 5 minutes");
    }

    /**
     * SIGKILL the authorization server, keep it down OUTAGE_S seconds while a new user joins the
     * server, start it again; then wait until that user can send. Answers a note for the table.
     */
    static String outage(String component, String serverId, String channelId, User joiner, String run,
                         Map<String, String> acked, Map<String, AtomicLong> errors, AtomicLong lastToken)
            throws Exception {
        exec("kill", "-9", pid(component));
        System.err.printf("killed %s at %s%n", component, Instant.now());
        var join = send("POST", GW + "/api/v1/servers/" + serverId + "/join", joiner.token(), "", null);
        var joinAnswer = join.statusCode() + code(join);
        Thread.sleep(OUTAGE_S * 1000L);
        exec("./beep", "infra");
        long restored = System.nanoTime();
        System.err.printf("%s started again at %s (join during the outage answered %s)%n", component, Instant.now(),
                joinAnswer);
        var nonce = run + "-" + component + "-joiner";
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            var response = send("POST", GW + "/api/v1/channels/" + channelId + "/messages", joiner.token(),
                    "{\"content\":\"joined during the outage\",\"nonce\":\"" + nonce + "\"}", nonce);
            if (response.statusCode() == 201 || response.statusCode() == 200) {
                acked.put(nonce, field(response, "id"));
                response.headers().firstValue("Beep-Consistency-Token")
                        .ifPresent(t -> lastToken.accumulateAndGet(Long.parseLong(t), Math::max));
                return String.format(" (down %d s; a join during the outage answered %s; that member could send %.1f s "
                        + "after the restart)", OUTAGE_S, joinAnswer, (System.nanoTime() - restored) / 1e9);
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the member who joined during the outage still cannot send 3 minutes later");
    }

    /** The problem code of an error answer, as " CODE", or "". */
    static String code(HttpResponse<String> response) {
        var m = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"").matcher(response.body());
        return response.statusCode() >= 400 && m.find() ? " " + m.group(1) : "";
    }

    static String pid(String component) throws Exception {
        var status = exec("./beep", "status");
        for (var line : status.split("\n")) {
            var m = PID.matcher(line);
            if (line.startsWith(component + " ") && m.find()) {
                return m.group(1);
            }
        }
        throw new IllegalStateException(component + " is not running: " + status);
    }

    /** SIGKILL the service's process, then start it again (./beep restart). */
    static void kill(String service) throws Exception {
        var status = exec("./beep", "status");
        String pid = null;
        for (var line : status.split("\n")) {
            var m = PID.matcher(line);
            if (line.startsWith(service + " ") && m.find()) {
                pid = m.group(1);
            }
        }
        if (pid == null) {
            throw new IllegalStateException(service + " is not running: " + status);
        }
        exec("kill", "-9", pid);
        System.err.printf("killed %s (pid %s) at %s%n", service, pid, Instant.now());
        exec("./beep", "restart", service);
    }

    /** Blocks until some send is acknowledged after {@code since}; answers when. */
    static long waitUntilAcknowledgedAfter(Map<String, String> acked, long since) throws InterruptedException {
        int before = acked.size();
        while (acked.size() <= before) {
            Thread.sleep(50);
        }
        return System.nanoTime();
    }

    /** Every nonce of the channel's history, newest first, read with the consistency token. */
    static List<String> readAll(User user, String channelId, long token) throws Exception {
        var nonces = new ArrayList<String>();
        String before = null;
        while (true) {
            var url = GW + "/api/v1/channels/" + channelId + "/messages?limit=100" + (before == null ? "" : "&before=" + before);
            HttpResponse<String> page = null;
            for (int attempt = 0; attempt < 60; attempt++) {
                var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + user.token()).header("Beep-Consistency-Token", Long.toString(token));
                page = HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200) {
                    break;
                }
                Thread.sleep(1000);
            }
            if (page.statusCode() != 200) {
                throw new IllegalStateException("history: " + page.statusCode() + " " + page.body());
            }
            var m = Pattern.compile("\"nonce\"\\s*:\\s*\"([^\"]+)\"").matcher(page.body());
            while (m.find()) {
                nonces.add(m.group(1));
            }
            var next = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"").matcher(page.body());
            if (!next.find()) {
                return nonces;
            }
            before = next.group(1);
        }
    }

    static List<User> setUpUsers(String run) throws Exception {
        var admin = field(form(KC + "/protocol/openid-connect/token", "grant_type=client_credentials&client_id="
                + env("BEEP_KEYCLOAK_CLIENT_ID", "beep-backend") + "&client_secret="
                + env("BEEP_BACKEND_SECRET", "beep-backend-secret")), "access_token");
        var adminUsers = KC.replace("/realms/", "/admin/realms/") + "/users";
        var users = new ArrayList<User>();
        for (int index = 0; index <= USERS; index++) {
            var name = "bench-kill-" + run + "-" + index;
            var created = send("POST", adminUsers, admin, "{\"username\":\"" + name + "\",\"enabled\":true,\"email\":\""
                    + name + "@bench.beep.local\",\"emailVerified\":true,\"firstName\":\"Kill\",\"lastName\":\"Bench\","
                    + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + name + "-pass\",\"temporary\":false}]}", null);
            if (created.statusCode() != 201) {
                throw new IllegalStateException("cannot create " + name + ": " + created.statusCode() + " " + created.body());
            }
            users.add(new User(name, field(form(KC + "/protocol/openid-connect/token", "grant_type=password&client_id=beep-cli&username="
                    + name + "&password=" + URLEncoder.encode(name + "-pass", StandardCharsets.UTF_8)), "access_token")));
        }
        return users;
    }

    /** A setup POST, retried while the stack answers 5xx or is unreachable (services restarting). */
    static HttpResponse<String> setup(String url, String bearer, String body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                var response = send("POST", url, bearer, body, null);
                if (response.statusCode() < 500 || attempt == 60) {
                    return response;
                }
            } catch (java.io.IOException e) {
                if (attempt == 60) {
                    throw e;
                }
            }
            Thread.sleep(2000);
        }
    }

    static HttpResponse<String> send(String method, String url, String bearer, String body, String idempotencyKey)
            throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> form(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String field(HttpResponse<String> response, String name) {
        var m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() >= 300 || !m.find()) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return m.group(1);
    }

    static String exec(String... command) throws Exception {
        var process = new ProcessBuilder(command).directory(Path.of(".").toFile()).redirectErrorStream(true).start();
        var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return out;
    }

    static String env(String name, String fallback) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
