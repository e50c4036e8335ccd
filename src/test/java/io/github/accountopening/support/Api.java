package io.github.accountopening.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What onboarding, the provider and ops send the application, over real HTTP. */
public class Api {

    public static final String DEV_WEBHOOK_SECRET = "whsec_ZGV2LW5leHVzYmFuay13ZWJob29rLXNlY3JldC0wMDE=";
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Reply(int status, String contentType, String body, Map<String, List<String>> headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** Onboarding's start call, as the contract shows it; a null value leaves the variable out. */
    public Reply start(String businessKey, String customerId, String market, String customerType, String legalName) {
        Map<String, Object> variables = new LinkedHashMap<>();
        putString(variables, "customerId", customerId);
        putString(variables, "market", market);
        putString(variables, "customerType", customerType);
        putString(variables, "legalName", legalName);
        Map<String, Object> body = new LinkedHashMap<>();
        if (businessKey != null) {
            body.put("businessKey", businessKey);
        }
        body.put("variables", variables);
        return post("/engine-rest/process-definition/key/account-opening/start", write(body), "demo", "demo");
    }

    public Reply startRaw(String json) {
        return post("/engine-rest/process-definition/key/account-opening/start", json, "demo", "demo");
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static String newRequestId() {
        return "req-" + UUID.randomUUID();
    }

    public Reply record(String requestId) {
        return get("/api/account-openings/" + encode(requestId), "demo", "demo");
    }

    public Reply events(String requestId) {
        return get("/api/account-openings/" + encode(requestId) + "/events", "demo", "demo");
    }

    public Reply sandbox(String json) {
        return post("/company/account-opening/set-status-sandbox", json, "demo", "demo");
    }

    /** A webhook signed as NexusBank signs it, with the dev secret and the current time. */
    public Reply webhook(String body) {
        return webhook("msg_" + UUID.randomUUID(), Instant.now().getEpochSecond(), body, DEV_WEBHOOK_SECRET);
    }

    public Reply webhook(String webhookId, long timestamp, String body, String secret) {
        try {
            String signature = new Webhook(secret).sign(webhookId, timestamp, body);
            return send(HttpRequest.newBuilder(uri("/webhooks/nexusbank/account-opening"))
                    .header("Content-Type", "application/json")
                    .header("webhook-id", webhookId)
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        } catch (com.standardwebhooks.exceptions.WebhookSigningException
                | com.standardwebhooks.exceptions.EmptyWebhookSecretException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A POST to the webhook endpoint with exactly these headers, signed or not. */
    public Reply webhookWithHeaders(String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/webhooks/nexusbank/account-opening"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request);
    }

    public static String webhookBody(
            String trackingId, String reference, String status, String iban, String bic, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tracking_id", trackingId);
        body.put("reference", reference);
        body.put("status", status);
        body.put("iban", iban);
        body.put("bic", bic);
        body.put("reason", reason);
        body.put("occurred_at", Instant.now().toString());
        return write(body);
    }

    /** Deploys one resource over Camunda's REST API, as an analyst's Modeler does. */
    public Reply deploy(String deploymentName, String fileName, String content) {
        return deploy(deploymentName, fileName, content, basic("demo", "demo"));
    }

    /** Deploys one resource with the given {@code Authorization} header. */
    public Reply deploy(String deploymentName, String fileName, String content, String authorization) {
        String boundary = "----account-opening-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + deploymentName + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + fileName + "\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n"
                + "--" + boundary + "--\r\n";
        return send(HttpRequest.newBuilder(uri("/engine-rest/deployment/create"))
                .header("Authorization", authorization)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply get(String path, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return send(request);
    }

    public Reply post(String path, String json, String user, String password) {
        return withJson("POST", path, json, user, password);
    }

    public Reply put(String path, String json, String user, String password) {
        return withJson("PUT", path, json, user, password);
    }

    /** Any call with the Authorization header given as is (a bearer token, say), or none when null. */
    public Reply call(String method, String path, String json, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private Reply withJson(String method, String path, String json, String user, String password) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return send(request);
    }

    /** Any request with the given {@code Authorization} header (Basic or Bearer) and, if not null, a body. */
    public Reply call(String method, String path, String contentType, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void putString(Map<String, Object> variables, String name, String value) {
        if (value != null) {
            variables.put(name, Map.of("value", value, "type", "String"));
        }
    }

    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
