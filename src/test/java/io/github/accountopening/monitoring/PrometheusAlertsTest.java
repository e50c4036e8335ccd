package io.github.accountopening.monitoring;

import static io.github.accountopening.support.Api.newRequestId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.HttpTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;
import redis.embedded.RedisServer;

/**
 * The alert rules and the dashboard ops load (docker/prometheus, docker/grafana) against the running
 * application: every metric they name is one it exports, and a real Prometheus (Debian's package)
 * scraping it fires the alerts when an opening is orphaned, an incident stays open and webhooks are
 * refused for a bad signature. The application runs with the shared Redis shield, as a cluster does.
 */
@HttpTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrometheusAlertsTest {

    static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path RULES = Path.of("docker/prometheus/alerts.yml");
    static final Path DASHBOARD = Path.of("docker/grafana/dashboards/account-opening.json");
    static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    static final Set<String> PROMQL_WORDS = Set.of(
            "and",
            "or",
            "unless",
            "bool",
            "offset",
            "by",
            "without",
            "on",
            "ignoring",
            "group_left",
            "group_right",
            "Inf",
            "NaN");

    static RedisServer redis;

    @Autowired
    Api api;

    @Value("${server.port}")
    int port;

    final ObjectMapper json = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void sharedShield(DynamicPropertyRegistry registry) throws IOException {
        int redisPort = FreePortInitializer.freePort();
        redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1").build();
        redis.start();
        registry.add("account-opening.dedup.store", () -> "redis");
        registry.add("spring.data.redis.port", () -> redisPort);
        // A database of its own: the opening orphaned here must not show in other tests' figures, nor theirs here.
        registry.add(
                "spring.datasource.url", () -> "jdbc:h2:mem:prometheus-alerts;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
    }

    @AfterAll
    static void stopRedis() throws IOException {
        redis.stop();
    }

    @Test
    void everyMetricTheAlertsAndTheDashboardNameIsOneTheApplicationExports() throws IOException {
        String requestId = newRequestId();
        api.start(requestId, "C-prometheus", "NL", "COMPANY", "Scraped B.V.");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.record(requestId).json(), r -> !r.get("cardId").isNull());
        api.webhook(
                "msg_forged_" + System.nanoTime(),
                Instant.now().getEpochSecond(),
                "{}",
                "whsec_Zm9yZ2VkLWZvcmdlZC1mb3JnZWQtZm9yZ2Vk");

        Set<String> named = new TreeSet<>();
        alertRules().forEach(rule -> named.addAll(metricNames((String) rule.get("expr"))));
        for (JsonNode panel : json.readTree(DASHBOARD.toFile()).get("panels")) {
            panel.get("targets")
                    .forEach(target ->
                            named.addAll(metricNames(target.get("expr").asText())));
        }

        assertThat(named)
                .as("what the rules and panels name")
                .contains(
                        "account_opening_orphans",
                        "camunda_incidents_open",
                        "account_opening_iban_wait_seconds_bucket",
                        "account_opening_webhooks_rejected_total",
                        "account_opening_dedup_unavailable_total",
                        "account_opening_webhooks_last_accepted_timestamp_seconds",
                        "account_opening_login_failures_total");
        assertThat(exported()).containsAll(named);
    }

    @Test
    void aRealPrometheusFiresTheAlertsWhenAnOpeningIsOrphanedAnIncidentStaysAndSignaturesFail(@TempDir Path dir)
            throws IOException, InterruptedException {
        assumeTrue(
                Files.isExecutable(PROMETHEUS),
                "Debian's prometheus is not installed (apt-get install prometheus): no real Prometheus to run");
        // the rules as shipped, each `for` shortened so that the test waits seconds, not minutes
        Files.writeString(
                dir.resolve("alerts.yml"), Files.readString(RULES).replaceAll("(?m)^(\\s+)for: \\S+$", "$1for: 2s"));
        Files.writeString(dir.resolve("prometheus.yml"), """
                global: {scrape_interval: 2s, scrape_timeout: 2s, evaluation_interval: 1s}
                rule_files: [alerts.yml]
                scrape_configs:
                  - job_name: account-opening
                    metrics_path: /actuator/prometheus
                    basic_auth: {username: demo, password: demo}
                    static_configs: [{targets: ["127.0.0.1:%d"]}]
                """.formatted(port));
        int prometheusPort = FreePortInitializer.freePort();
        Process prometheus = new ProcessBuilder(
                        PROMETHEUS.toString(),
                        "--config.file=" + dir.resolve("prometheus.yml"),
                        "--storage.tsdb.path=" + dir.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + prometheusPort)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile())
                .start();
        String base = "http://127.0.0.1:" + prometheusPort;
        try {
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(
                            () -> prometheusGet(base + "/api/v1/targets")
                                    .at("/data/activeTargets/0/health")
                                    .asText(),
                            "up"::equals);
            await().atMost(Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .until(() -> prometheusGet(base + "/api/v1/rules")
                                    .at("/data/groups/0/rules")
                                    .size()
                            > 0);
            assertThat(alerts(base)).doesNotContainKey("AccountOpeningOrphaned");

            String orphanedRequestId = orphanAnOpening();
            leaveAnIncidentOpen();
            for (int i = 0; i < 6; i++) {
                assertThat(api.webhook(
                                        "msg_rotated_" + i,
                                        Instant.now().getEpochSecond(),
                                        "{}",
                                        "whsec_b2xkLXNlY3JldC1iZWZvcmUtcm90YXRpb24=")
                                .status())
                        .isEqualTo(401);
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> alerts(base),
                            a -> "firing".equals(a.get("AccountOpeningOrphaned"))
                                    && "firing".equals(a.get("CamundaIncidentsOpen"))
                                    && "firing".equals(a.get("WebhookBadSignaturesRising")));
            screenshot(base + "/classic/alerts"); // Debian's build serves Prometheus' classic pages

            // the opening is finished by hand: the orphan alert ends
            assertThat(api.sandbox("""
                    {"accountOpeningRequestId": "%s", "status": "REJECTED", "reason": "closed by ops"}""".formatted(orphanedRequestId)).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alerts(base), a -> !a.containsKey("AccountOpeningOrphaned"));
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
    }

    /** As when someone deletes a waiting instance in Cockpit: the record stays IN_PROGRESS and nothing will move it. */
    private String orphanAnOpening() throws IOException, InterruptedException {
        String requestId = newRequestId();
        api.start(requestId, "C-orphan", "NL", "COMPANY", "Forgotten B.V. [stuck]");
        String processInstanceId =
                api.record(requestId).json().get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(
                                        "/engine-rest/event-subscription?eventType=message&processInstanceId="
                                                + processInstanceId,
                                        "demo",
                                        "demo")
                                .json()
                                .size(),
                        n -> n == 1);
        HttpResponse<String> deleted = http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/engine-rest/process-instance/" + processInstanceId))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()))
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isEqualTo(204);
        return requestId;
    }

    /** NexusBank refuses the opening's request until its retries run out. */
    private void leaveAnIncidentOpen() {
        String requestId = newRequestId();
        api.start(requestId, "C-incident", "NL", "COMPANY", "Unlucky B.V. [provider-down]");
        String processInstanceId =
                api.record(requestId).json().get("processInstanceId").asText();
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/engine-rest/incident?processInstanceId=" + processInstanceId, "demo", "demo")
                                .json()
                                .size(),
                        n -> n == 1);
    }

    /** Prometheus' own alerts page, for the README, when Debian's chromium is installed. */
    private void screenshot(String url) throws IOException, InterruptedException {
        if (!Files.isExecutable(CHROMIUM)) {
            return;
        }
        Path target = Path.of("target/prometheus/alerts-firing.png").toAbsolutePath();
        Files.createDirectories(target.getParent());
        Process chromium = new ProcessBuilder(
                        CHROMIUM.toString(),
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--no-first-run",
                        "--hide-scrollbars",
                        "--window-size=1280,1100",
                        "--virtual-time-budget=10000",
                        "--screenshot=" + target,
                        url)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
            chromium.destroyForcibly();
        }
    }

    /** Alert name to state (pending or firing) of the alerts Prometheus holds now. */
    private Map<String, String> alerts(String base) throws IOException, InterruptedException {
        Map<String, String> states = new java.util.HashMap<>();
        prometheusGet(base + "/api/v1/alerts")
                .at("/data/alerts")
                .forEach(a -> states.merge(
                        a.at("/labels/alertname").asText(),
                        a.get("state").asText(),
                        (x, y) -> x.equals("firing") ? x : y));
        return states;
    }

    private JsonNode prometheusGet(String url) throws IOException, InterruptedException {
        return json.readTree(
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .body());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alertRules() throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(RULES));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    /** The series names of a PromQL expression: what is left once strings, matchers, ranges, grouping and functions are gone. */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"[^\"]*\"", "")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^]]*]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "")
                .replaceAll("\\$\\w+", "");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String rest = bare.substring(m.end()).stripLeading();
            boolean function = rest.startsWith("(");
            boolean number = m.start() > 0 && Character.isDigit(bare.charAt(m.start() - 1));
            if (!function && !number && !PROMQL_WORDS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    private Set<String> exported() {
        Set<String> names = new TreeSet<>();
        api.get("/actuator/prometheus", "demo", "demo")
                .body()
                .lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .forEach(l -> {
                    Matcher m = NAME.matcher(l);
                    if (m.lookingAt()) {
                        names.add(m.group());
                    }
                });
        return names;
    }
}
