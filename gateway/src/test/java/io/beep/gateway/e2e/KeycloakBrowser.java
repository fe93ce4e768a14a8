package io.beep.gateway.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal browser for Keycloak's HTML pages in tests: follows redirects itself, keeps cookies by
 * name and path (Keycloak marks them Secure, which java.net's cookie store withholds on plain http,
 * and each realm has its own cookie path), and submits the login forms it is shown. Runs the
 * authorization-code flow with PKCE of the public {@code beep-web} client.
 */
final class KeycloakBrowser {

    static final String REDIRECT_URI = "http://127.0.0.1:8099/callback";
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w[\\w-]*)=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** The last HTML page shown (for assertion messages). */
    String lastPage = "";

    /**
     * Signs in to realm beep through the identity provider {@code idpAlias} ({@code kc_idp_hint}),
     * submitting the provider's login form with these credentials; answers beep's token response.
     */
    Map<String, Object> signInThrough(String idpAlias, String username, String password) {
        return authorize("&kc_idp_hint=" + enc(idpAlias), username, password);
    }

    /**
     * Signs in to realm beep with its own login form (username and password); the browser keeps
     * Keycloak's session cookies, so later visits (e.g. account linking) run in that session.
     */
    Map<String, Object> signIn(String username, String password) {
        return authorize("", username, password);
    }

    /**
     * Opens an address of realm beep that ends by returning to {@link #REDIRECT_URI} (e.g. the
     * account-linking address), submitting the login forms it meets with these credentials; answers
     * the final redirect.
     */
    String follow(String url, String username, String password) {
        return run(get(url), username, password);
    }

    private Map<String, Object> authorize(String extra, String username, String password) {
        var verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        var state = UUID.randomUUID().toString();
        var url = StackClient.KEYCLOAK + "/realms/" + StackClient.REALM + "/protocol/openid-connect/auth?client_id=beep-web"
                + "&response_type=code&scope=openid&redirect_uri=" + enc(REDIRECT_URI) + "&state=" + state
                + "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256" + extra;
        var back = run(get(url), username, password);
        var code = parameter(back, "code");
        if (code == null) {
            throw new IllegalStateException("no code in the redirect: " + back);
        }
        return exchange(code, verifier);
    }

    private String run(HttpResponse<String> first, String username, String password) {
        var answer = first;
        boolean passwordSent = false;
        for (int step = 0; step < 30; step++) {
            var location = answer.headers().firstValue("Location").orElse(null);
            if (location != null) {
                var next = URI.create(answer.uri().toString()).resolve(location).toString();
                if (next.startsWith(REDIRECT_URI)) {
                    return next;
                }
                answer = get(next);
                continue;
            }
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("unexpected " + answer.statusCode() + " at " + answer.uri() + ": " + answer.body());
            }
            lastPage = answer.body();
            var form = FORM.matcher(answer.body());
            if (!form.find()) {
                throw new IllegalStateException("a page without a form at " + answer.uri() + ": " + answer.body());
            }
            var fields = inputs(answer.body());
            if (fields.containsKey("password")) {
                if (passwordSent) {
                    throw new IllegalStateException("the provider refused the sign-in");
                }
                passwordSent = true;
                fields.put("username", username);
                fields.put("password", password);
            }
            answer = post(form.group(1).replace("&amp;", "&"), fields);
        }
        throw new IllegalStateException("the sign-in did not end: " + lastPage);
    }

    /** A query parameter of a URL, decoded; null when absent. */
    static String parameter(String url, String name) {
        var query = URI.create(url).getRawQuery();
        if (query == null) {
            return null;
        }
        for (var pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url, Map<String, String> fields) {
        var body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(enc(name)).append('=').append(enc(value)));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) {
        var request = builder.timeout(Duration.ofSeconds(30)).build();
        var path = request.uri().getPath();
        var header = new StringBuilder();
        cookies.forEach((key, value) -> {
            var cookiePath = key.substring(key.indexOf('|') + 1);
            if (path.startsWith(cookiePath)) {
                header.append(header.isEmpty() ? "" : "; ").append(key, 0, key.indexOf('|')).append('=').append(value);
            }
        });
        var withCookies = header.isEmpty() ? request
                : HttpRequest.newBuilder(request, (name, value) -> true).header("Cookie", header.toString()).build();
        try {
            var answer = http.send(withCookies, HttpResponse.BodyHandlers.ofString());
            for (var cookie : answer.headers().allValues("Set-Cookie")) {
                remember(cookie);
            }
            return answer;
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(String setCookie) {
        var parts = setCookie.split(";");
        int eq = parts[0].indexOf('=');
        var name = parts[0].substring(0, eq).strip();
        var value = parts[0].substring(eq + 1).strip();
        var path = "/";
        boolean expired = false;
        for (int i = 1; i < parts.length; i++) {
            var attribute = parts[i].strip();
            var lower = attribute.toLowerCase();
            if (lower.startsWith("path=")) {
                path = attribute.substring(5);
            } else if (lower.startsWith("max-age=0") || lower.startsWith("expires=thu, 01 jan 1970") || lower.startsWith("expires=thu, 01-jan-1970")) {
                expired = true;
            }
        }
        var key = name + "|" + path;
        if (expired || value.isEmpty()) {
            cookies.remove(key);
        } else {
            cookies.put(key, value);
        }
    }

    private Map<String, Object> exchange(String code, String verifier) {
        var form = "grant_type=authorization_code&client_id=beep-web&code=" + enc(code) + "&redirect_uri="
                + enc(REDIRECT_URI) + "&code_verifier=" + enc(verifier);
        var answer = send(HttpRequest.newBuilder(URI.create(StackClient.KEYCLOAK + "/realms/" + StackClient.REALM
                        + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("code exchange answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> token = StackClient.JSON.readValue(answer.body(), Map.class);
            return token;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> inputs(String html) {
        var fields = new LinkedHashMap<String, String>();
        Matcher input = INPUT.matcher(html);
        while (input.find()) {
            var attributes = new LinkedHashMap<String, String>();
            var attribute = ATTRIBUTE.matcher(input.group(1));
            while (attribute.find()) {
                attributes.put(attribute.group(1).toLowerCase(), attribute.group(2));
            }
            var type = attributes.getOrDefault("type", "text");
            if (attributes.containsKey("name") && !type.equals("submit") && !type.equals("checkbox")) {
                fields.put(attributes.get("name"), attributes.getOrDefault("value", "").replace("&amp;", "&"));
            }
        }
        return fields;
    }

    private static String challenge(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
