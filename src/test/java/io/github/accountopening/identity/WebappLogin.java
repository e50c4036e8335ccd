package io.github.accountopening.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One browser's session with the webapps, driven over plain HTTP: it follows the single sign-on
 * redirects by hand, signs in at the OpenID Connect server's login page with the claims it is given,
 * and keeps its cookies, as a browser does.
 */
final class WebappLogin {

    private final String baseUrl;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser;

    WebappLogin(String baseUrl) {
        this.baseUrl = baseUrl;
        this.browser = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Signs in at the identity provider with these claims; answers the application's reply to the callback. */
    HttpResponse<String> logIn(String user, String claimsJson) {
        HttpResponse<String> start = get("/oauth2/authorization/bank");
        String authorize = location(start);
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(URI.create(authorize))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "username=" + encode(user) + "&claims=" + encode(claimsJson))));
        return send(HttpRequest.newBuilder(URI.create(location(signedIn))).GET());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    /** A POST as the webapps' pages send it; with the session's CSRF token when {@code withCsrfToken}. */
    HttpResponse<String> post(String path, boolean withCsrfToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (withCsrfToken) {
            request.header("X-XSRF-TOKEN", csrfToken());
        }
        return send(request);
    }

    /** The webapps' own answer to "who is logged in", or null when nobody is (any answer but 200). */
    String sessionUser() {
        HttpResponse<String> reply = get("/camunda/api/admin/auth/user/default");
        return reply.statusCode() == 200 ? reply.body() : null;
    }

    /** The CSRF token the webapps handed this session (their XSRF-TOKEN cookie), visiting a page first if need be. */
    String csrfToken() {
        return cookie("XSRF-TOKEN") != null ? cookie("XSRF-TOKEN") : visitAndRead();
    }

    private String visitAndRead() {
        get("/camunda/app/cockpit/default/");
        return cookie("XSRF-TOKEN");
    }

    String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    static String location(HttpResponse<?> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(
                        () -> new AssertionError("no redirect but " + response.statusCode() + ": " + response.body()));
    }

    /**
     * A request with a Host header of the caller's choosing, which Java's HTTP clients do not send:
     * the status line and headers of the answer, lower-case names.
     */
    static Map<String, String> withHostHeader(
            int port, String method, String path, String host, Map<String, String> headers) {
        try (Socket socket = new Socket("localhost", port)) {
            StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            request.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            Map<String, String> answer = new LinkedHashMap<>();
            answer.put("status", in.readLine());
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                answer.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            return answer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
