import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Real-time latency benchmark: send (POST a message) -> delivered (MESSAGE_CREATE frame) on the
 * sockets of the other members of the channel, at a fixed message rate with many sockets open.
 *
 * Setup (idempotent): USERS Keycloak accounts bench-rt-NNNN (made with the beep-backend service
 * account), split into groups of GROUP users; the first of each group owns a public server with a
 * channel, the others join. Each user opens SOCKETS_PER_USER identified sockets. Every user sends
 * at most one message per second (inside the 10 messages / 10 s limit), so RATE needs USERS >= RATE.
 *
 * Run: java bench/realtime/RealtimeLatency.java   (JDK 17, no dependencies; settings by env)
 */
public class RealtimeLatency {

    static final String GW = env("BEEP_GATEWAY_URL", "http://127.0.0.1:8080");
    static final String KC = env("BEEP_KEYCLOAK_URL", "http://127.0.0.1:8180") + "/realms/" + env("BEEP_KEYCLOAK_REALM", "beep");
    static final int USERS = Integer.parseInt(env("USERS", "500"));
    static final int GROUP = Integer.parseInt(env("GROUP", "10"));
    static final int SOCKETS_PER_USER = Integer.parseInt(env("SOCKETS_PER_USER", "2"));
    static final String RATES = env("RATES", env("RATE", "500"));
    static final int WARMUP_S = Integer.parseInt(env("WARMUP_S", "5"));
    static final int SECONDS = Integer.parseInt(env("SECONDS", "30"));
    static final int SETTLE_S = Integer.parseInt(env("SETTLE_S", "90"));
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newFixedThreadPool(8)).build();
    static final Pattern CONTENT = Pattern.compile("\"content\":\"bench:(\\d+):(\\d+)\"");
    static final AtomicLong FRAMES = new AtomicLong();
    static final Pattern ID = Pattern.compile("\"id\":\"(\\d+)\"");

    record User(int index, String name, String id, String token) { }

    public static void main(String[] args) throws Exception {
        try {
            benchmark();
        } finally {
            System.exit(0);
        }
    }

    static void benchmark() throws Exception {
        System.out.printf("gateway %s, %d users in groups of %d, %d sockets each (%d sockets), %s msg/s, %ds (+%ds warm-up) per rate%n",
                GW, USERS, GROUP, SOCKETS_PER_USER, USERS * SOCKETS_PER_USER, RATES, SECONDS, WARMUP_S);
        var users = setUpUsers();
        var channels = setUpServers(users);
        var latencies = new ConcurrentLinkedQueue<Long>();
        var measuring = new boolean[1];
        var sockets = new ArrayList<WebSocket>();
        var opening = Executors.newFixedThreadPool(16);
        var futures = new ArrayList<java.util.concurrent.Future<WebSocket>>();
        for (var user : users) {
            for (int s = 0; s < SOCKETS_PER_USER; s++) {
                futures.add(opening.submit(() -> open(user, latencies, measuring)));
            }
        }
        for (var future : futures) {
            sockets.add(future.get());
        }
        opening.shutdown();
        System.out.printf("%d sockets identified%n", sockets.size());
        var heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "heartbeats");
            thread.setDaemon(true);
            return thread;
        });
        heartbeats.scheduleAtFixedRate(() -> sockets.forEach(socket -> socket.sendText("{\"op\":\"HEARTBEAT\"}", true)),
                15, 15, TimeUnit.SECONDS);

        // the setup (servers, channels, joins, the previous run's servers deleted) is ~650 steps of the
        // permission saga, and nobody has a kept permission decision yet: each user's first send costs
        // SpiceDB a full check (~29 dispatches). Let the saga finish (SETTLE_S) and start with a low
        // rate (RATES=20,...) so the first checks are spread (docs/benchmarks.md, 2026-11-28 10:34)
        if (SETTLE_S > 0) {
            System.out.printf("settling %d s (SETTLE_S) for the saga to write the setup's relationships%n", SETTLE_S);
            Thread.sleep(SETTLE_S * 1000L);
        }
        for (var rate : RATES.split(",")) {
            run(Integer.parseInt(rate.trim()), users, channels, latencies, measuring);
            Thread.sleep(5000);
        }
        sockets.forEach(WebSocket::abort);
        for (var created : CREATED) {
            try {
                HTTP.send(HttpRequest.newBuilder(URI.create(GW + "/api/v1/servers/" + created[0]))
                        .header("Authorization", "Bearer " + created[1]).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                System.out.println("could not delete bench server " + created[0] + ": " + e);
            }
        }
    }


    static void run(int rate, List<User> users, String[] channels, ConcurrentLinkedQueue<Long> latencies,
            boolean[] measuring) throws Exception {
        latencies.clear();
        FRAMES.set(0);
        var sent = new AtomicLong();
        var posts = new ConcurrentLinkedQueue<Long>();
        var failed = new AtomicLong();
        var start = System.nanoTime();
        long total = (long) rate * (WARMUP_S + SECONDS);
        for (long i = 0; i < total; i++) {
            long due = start + i * 1_000_000_000L / rate;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (i == (long) rate * WARMUP_S) {
                measuring[0] = true;
            }
            var user = users.get((int) (i % users.size()));
            var channel = channels[user.index() / GROUP];
            long sentAt = System.nanoTime();
            boolean measured = measuring[0];
            var body = "{\"content\":\"bench:" + sentAt + ":" + user.index() + "\"}";
            var request = HttpRequest.newBuilder(URI.create(GW + "/api/v1/channels/" + channel + "/messages"))
                    .header("Authorization", "Bearer " + user.token()).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                if (error != null || response.statusCode() != 201) {
                    if (failed.incrementAndGet() <= 5) {
                        System.out.println("send failed: " + (error != null ? error : response.statusCode() + " " + response.body()));
                    }
                } else {
                    sent.incrementAndGet();
                    if (measured) {
                        posts.add(System.nanoTime() - sentAt);
                    }
                }
            });
        }
        long elapsed = System.nanoTime() - start;
        Thread.sleep(3000);
        measuring[0] = false;
        var values = latencies.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        System.out.printf("== %d msg/s: offered %.1f msg/s; accepted %d, failed %d; deliveries measured %d (frames %d)%n",
                rate, total * 1e9 / elapsed, sent.get(), failed.get(), values.length, FRAMES.get());
        if (values.length > 0) {
            System.out.printf("send -> delivered to another user's socket: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    pct(values, 50), pct(values, 90), pct(values, 99), values[values.length - 1] / 1e6);
        }
        var acks = posts.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(acks);
        if (acks.length > 0) {
            System.out.printf("send -> 201 answer (for comparison):               p50 %.1f ms, p90 %.1f ms, p99 %.1f ms%n",
                    pct(acks, 50), pct(acks, 90), pct(acks, 99));
        }
    }

    static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static WebSocket open(User user, ConcurrentLinkedQueue<Long> latencies, boolean[] measuring) {
        var ready = new CompletableFuture<Void>();
        var listener = new WebSocket.Listener() {
            final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    long now = System.nanoTime();
                    var text = partial.toString();
                    partial.setLength(0);
                    FRAMES.incrementAndGet();
                    if (text.contains("\"t\":\"READY\"")) {
                        ready.complete(null);
                    } else if (text.contains("\"t\":\"MESSAGE_CREATE\"")) {
                        var m = CONTENT.matcher(text);
                        if (m.find() && Integer.parseInt(m.group(2)) != user.index() && measuring[0]) {
                            latencies.add(now - Long.parseLong(m.group(1)));
                        }
                    } else if (text.contains("\"op\":\"HELLO\"")) {
                        socket.sendText("{\"op\":\"IDENTIFY\",\"d\":{\"token\":\"" + user.token() + "\"}}", true);
                    }
                }
                socket.request(1);
                return null;
            }
        };
        var socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(GW.replaceFirst("^http", "ws") + "/api/v1/gateway"), listener).join();
        ready.orTimeout(60, TimeUnit.SECONDS).join();
        return socket;
    }

    static List<User> setUpUsers() throws Exception {
        var admin = json(post(KC + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                "grant_type=client_credentials&client_id=" + env("BEEP_KEYCLOAK_CLIENT_ID", "beep-backend")
                        + "&client_secret=" + env("BEEP_BACKEND_SECRET", "beep-backend-secret")), "access_token");
        var adminUsers = KC.replace("/realms/", "/admin/realms/") + "/users";
        var pool = Executors.newFixedThreadPool(6);
        var futures = new ArrayList<java.util.concurrent.Future<User>>();
        for (int i = 0; i < USERS; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                var name = String.format("bench-rt-%04d", index);
                var created = post(adminUsers, admin, "application/json", "{\"username\":\"" + name + "\",\"enabled\":true,"
                        + "\"email\":\"" + name + "@bench.beep.local\",\"emailVerified\":true,\"firstName\":\"Bench\",\"lastName\":\"" + index + "\","
                        + "\"credentials\":[{\"type\":\"password\",\"value\":\"" + name + "-pass\",\"temporary\":false}]}");
                if (created.statusCode() != 201 && created.statusCode() != 409) {
                    throw new IllegalStateException("cannot create " + name + ": " + created.statusCode() + " " + created.body());
                }
                var token = json(post(KC + "/protocol/openid-connect/token", null, "application/x-www-form-urlencoded",
                        "grant_type=password&client_id=beep-cli&username=" + name + "&password=" + enc(name + "-pass")), "access_token");
                var claims = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
                var sub = claims.replaceAll(".*\"sub\":\"([^\"]+)\".*", "$1");
                return new User(index, name, sub, token);
            }));
        }
        var users = new ArrayList<User>();
        for (var future : futures) {
            users.add(future.get());
        }
        pool.shutdown();
        System.out.printf("%d users signed in%n", users.size());
        return users;
    }

    static final List<String[]> CREATED = java.util.Collections.synchronizedList(new ArrayList<>());

    static String[] setUpServers(List<User> users) throws Exception {
        int groups = (users.size() + GROUP - 1) / GROUP;
        var channels = new String[groups];
        var pool = Executors.newFixedThreadPool(8);
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int g = 0; g < groups; g++) {
            int group = g;
            futures.add(pool.submit(() -> {
                var owner = users.get(group * GROUP);
                var server = post(GW + "/api/v1/servers", owner.token(), "application/json",
                        "{\"name\":\"bench " + Instant.now() + "\",\"description\":\"realtime bench\",\"visibility\":\"public\"}");
                var serverId = id(server);
                CREATED.add(new String[] {serverId, owner.token()});
                channels[group] = id(post(GW + "/api/v1/servers/" + serverId + "/channels", owner.token(), "application/json",
                        "{\"name\":\"bench\",\"type\":\"text\"}"));
                for (int u = group * GROUP + 1; u < Math.min(users.size(), (group + 1) * GROUP); u++) {
                    var joined = post(GW + "/api/v1/servers/" + serverId + "/join", users.get(u).token(), "application/json", "");
                    if (joined.statusCode() >= 300) {
                        throw new IllegalStateException("join failed: " + joined.statusCode() + " " + joined.body());
                    }
                }
                return null;
            }));
        }
        for (var future : futures) {
            future.get();
        }
        pool.shutdown();
        System.out.printf("%d servers with a channel each%n", groups);
        return channels;
    }

    static String id(HttpResponse<String> response) {
        if (response.statusCode() != 201) {
            throw new IllegalStateException("expected 201: " + response.statusCode() + " " + response.body());
        }
        var m = ID.matcher(response.body());
        if (!m.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return m.group(1);
    }

    static HttpResponse<String> post(String url, String bearer, String type, String body) throws Exception {
        var builder = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String json(HttpResponse<String> response, String field) {
        var m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("unexpected answer " + response.statusCode() + " " + response.body());
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
