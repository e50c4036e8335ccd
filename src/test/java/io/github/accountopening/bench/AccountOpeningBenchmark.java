package io.github.accountopening.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.ChildProcessApp;
import io.github.accountopening.support.EmbeddedPostgres;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.Simulators;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;

/**
 * The benchmark ({@code mvn -B -Pbench verify}): every figure measured side by side in one run, on
 * profile postgres with the embedded PostgreSQL server. The application under test and the simulated
 * providers run in two JVMs of their own, so that neither the load generator nor the simulators are
 * counted as our cost. Writes target/bench/report.md and target/bench/chart.png. Nothing is asserted:
 * the report states each goal beside its figure.
 */
class AccountOpeningBenchmark {

    static final int WORKERS = 16;
    static final int IN_FLIGHT = Integer.getInteger("bench.inflight", 100_000);
    /** The window the openings' polling timers fall due in: the production polling interval. */
    static final Duration IN_FLIGHT_POLLING = Duration.parse(System.getProperty("bench.inflight.polling", "PT30M"));
    /** -Dbench.only=ingestion: figures 1 and 2 alone, for a quick look at the webhook path. */
    static final boolean ONLY_INGESTION = "ingestion".equals(System.getProperty("bench.only"));
    static final String SECRET = Api.DEV_WEBHOOK_SECRET;
    static final String IBAN = "NL91ABNA0417164300";

    final Map<String, String> figures = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Double> chart = new LinkedHashMap<>();

    @Test
    void measure() throws Exception {
        Path dir = Path.of("target/bench");
        Files.createDirectories(dir);
        int providersPort = FreePortInitializer.freePort();
        int appPort = FreePortInitializer.freePort();

        ChildProcessApp providers = new ChildProcessApp(Map.of(
                "spring.datasource.url", "jdbc:h2:mem:providers;DB_CLOSE_DELAY=-1",
                "simulator.webhook-delay", "PT0S",
                "simulator.webhook-url", Simulators.webhookUrl(appPort),
                "camunda.bpm.job-execution.enabled", false), providersPort, dir.resolve("providers.log"));
        providers.start();
        ChildProcessApp app = appUnderTest(providersPort, appPort, Duration.ofHours(1), dir.resolve("app.log"));
        app.start();
        Api api = app.api();
        try {
            ingestion(api, appPort);
            if (ONLY_INGESTION) {
                providers.stop();
                BenchReport.write(dir, figures, notes, chart);
                return;
            }
            endToEnd(api, appPort);
        } finally {
            app.stop();
        }
        // Their own timers stay out of the way: the benchmark sets the due dates of the first ones.
        ChildProcessApp inFlight = appUnderTest(providersPort, appPort, Duration.ofHours(6),
                dir.resolve("app-in-flight.log"));
        inFlight.start();
        try {
            inFlight(inFlight, appPort);
        } finally {
            inFlight.stop();
            providers.stop();
        }
        BenchReport.write(dir, figures, notes, chart);
    }

    /** The application on a new database of its own, calling the simulators of the providers' JVM. */
    private static ChildProcessApp appUnderTest(int providersPort, int port, Duration polling, Path log) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "postgres");
        settings.putAll(EmbeddedPostgres.newDatabaseSettings());
        settings.put("simulator.enabled", false);
        settings.put("bench.endpoint.enabled", true);
        settings.putAll(Simulators.servedOn(providersPort));
        settings.put("account-opening.polling.interval", polling);
        settings.put("account-opening.polling.give-up-after", "PT24H");
        settings.put("logging.level.io.github.accountopening", "WARN");
        settings.put("camunda.bpm.job-execution.wait-time-in-millis", 100);
        settings.put("camunda.bpm.job-execution.max-wait", 1000);
        return new ChildProcessApp(settings, port, log);
    }

    /** Figures 1 and 2: verified, shielded, applied and correlated webhooks beside a bare JSON POST. */
    private void ingestion(Api api, int port) throws Exception {
        int firstsClosed = 1500;
        int firstsFixed = 1500;
        int mixed = 1000;
        List<String> waiting = startWaiting(api, port, firstsClosed + firstsFixed + mixed, "[no-webhook]");
        String sample = webhookJson(waiting.get(0));
        warmUp(port, sample);

        drainJobs(api);
        Load.Result bare = Load.closedLoop(WORKERS, 20_000, i -> post(port, "/bench/echo", sample, Map.of()));
        List<HttpRequest> firsts = signedCompletions(port, waiting.subList(0, firstsClosed));
        Load.Result webhooks = Load.closedLoop(WORKERS, firsts.size(), firsts::get);
        drainJobs(api);
        Load.Result duplicates = Load.closedLoop(WORKERS, firsts.size(), firsts::get);
        double halfPeak = webhooks.perSecond() / 2;
        List<HttpRequest> fixed = signedCompletions(port, waiting.subList(firstsClosed, firstsClosed + firstsFixed));
        Load.Result atHalfPeak = Load.fixedRate(halfPeak, fixed.size(), fixed::get);
        drainJobs(api);

        // the same fixed rate, every first delivery followed by its duplicate
        List<HttpRequest> halfDuplicates = new ArrayList<>();
        for (HttpRequest first : signedCompletions(port, waiting.subList(firstsClosed + firstsFixed, waiting.size()))) {
            halfDuplicates.add(first);
            halfDuplicates.add(first);
        }
        Load.Result withDuplicates = Load.fixedRate(halfPeak, halfDuplicates.size(), halfDuplicates::get);
        drainJobs(api);
        Histogram firstLatency = new Histogram(3);
        Histogram duplicateLatency = new Histogram(3);
        for (int i = 0; i < halfDuplicates.size(); i++) {
            (i % 2 == 0 ? firstLatency : duplicateLatency).recordValue(withDuplicates.latencies()[i]);
        }

        figures.put("Bare JSON POST, peak (16 clients)", rate(bare));
        figures.put("Webhooks (verified, shielded, applied, correlated), peak", rate(webhooks)
                + " = **" + pct(webhooks.perSecond() / bare.perSecond()) + " of bare** (goal ≥ 20%)");
        figures.put("Webhooks at half the peak (" + Math.round(halfPeak) + "/s fixed arrival rate)",
                "p50 " + ms(atHalfPeak.p50Millis()) + ", **p99 " + ms(atHalfPeak.p99Millis()) + "** (goal ≤ 50 ms), answers " + atHalfPeak.statuses());
        figures.put("Duplicates only (all shielded), peak", rate(duplicates)
                + " = **" + String.format("%.1f", duplicates.perSecond() / webhooks.perSecond()) + "× cheaper** than first deliveries (goal ≥ 10×)");
        figures.put("50% duplicates at the same fixed rate", "first deliveries mean " + ms(firstLatency.getMean() / 1000)
                + " (p99 " + ms(firstLatency.getValueAtPercentile(99) / 1000.0) + "), duplicates mean "
                + ms(duplicateLatency.getMean() / 1000) + " (p99 " + ms(duplicateLatency.getValueAtPercentile(99) / 1000.0)
                + "): " + String.format("%.1f", firstLatency.getMean() / duplicateLatency.getMean()) + "× cheaper");
        chart.put("bare POST /s", bare.perSecond());
        chart.put("webhooks /s", webhooks.perSecond());
        chart.put("duplicates /s", duplicates.perSecond());
        notes.add("Each first delivery completes an opening waiting at its message: the webhook's transaction verifies the"
                + " signature, takes the shield key, locks and updates the record, appends the event and correlates the"
                + " message, which ends the wait and leaves the rest of the opening (record check, card) to the job executor."
                + " Between the phases those jobs are left to finish, so that each phase measures only its own requests.");
    }

    /** Figure 3: openings from the start call to COMPLETED, beside the engine's floor of the same shape. */
    private void endToEnd(Api api, int port) throws Exception {
        int openings = 1000;
        long finishedBefore = finished(api, "account-opening");
        Instant start = Instant.now();
        Load.Result starts = Load.closedLoop(8, openings, i -> post(port, "/engine-rest/process-definition/key/account-opening/start",
                startJson("req-e2e-" + UUID.randomUUID(), "E2E " + i + " B.V."), basic()));
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> finished(api, "account-opening") >= finishedBefore + openings);
        double ours = openings / secondsSince(start);

        api.deploy("bench-floor", "bench-floor.bpmn", Files.readString(Path.of("src/test/resources/bench/bench-floor.bpmn")));
        AtomicBoolean correlating = new AtomicBoolean(true);
        Thread correlator = new Thread(() -> correlateFloor(api, correlating));
        Instant floorStart = Instant.now();
        correlator.start();
        Load.closedLoop(8, openings, i -> post(port, "/engine-rest/process-definition/key/bench-floor/start",
                "{\"businessKey\": \"floor-" + i + "\"}", basic()));
        await().atMost(Duration.ofMinutes(15)).pollInterval(Duration.ofMillis(200)).until(() -> finished(api, "bench-floor") >= openings);
        correlating.set(false);
        correlator.join();
        double floor = openings / secondsSince(floorStart);

        figures.put("Openings end to end (start call to COMPLETED with card, webhook delay 0, 8 clients)",
                String.format("%.1f/s", ours) + ", start calls answered p50 " + ms(starts.p50Millis()) + ", p99 " + ms(starts.p99Millis()));
        figures.put("Camunda's floor: start, async task, message wait, async task, end", String.format("%.1f/s", floor)
                + " → ours is **" + pct(ours / floor) + " of the floor** (goal ≥ 70%)");
        chart.put("openings /s", ours);
        chart.put("floor /s", floor);
        notes.add("The floor is a minimal process of the same shape started over the same REST API and correlated one"
                + " instance at a time over REST by a client that polls for waiting instances, on the same database.");
    }

    /** Figure 4: openings waiting for their webhook, each with its polling timer. */
    private void inFlight(ChildProcessApp app, int port) throws Exception {
        Api api = app.api();
        Instant start = Instant.now();
        Load.Result starts = Load.closedLoop(8, IN_FLIGHT, i -> post(port, "/engine-rest/process-definition/key/account-opening/start",
                startJson("req-wait-" + UUID.randomUUID(), "Waiting " + i + " [stuck] [no-webhook]"), basic()));
        double startRate = IN_FLIGHT / secondsSince(start);
        await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofSeconds(2)).until(() -> waitingAtMessage(api) >= IN_FLIGHT);
        Duration allWaiting = Duration.between(start, Instant.now());
        long heap = app.heapAfterFullGc();
        spreadTimersOverOneInterval(app);
        await().atMost(IN_FLIGHT_POLLING.plusHours(1)).pollInterval(Duration.ofSeconds(5)).until(() -> firedTimers(app) >= IN_FLIGHT);
        double[] lateness = timerLateness(app);

        figures.put("Openings in flight", String.format("%,d", IN_FLIGHT) + " waiting at the message with a polling timer each"
                + (IN_FLIGHT < 100_000 ? " (the goal's 100,000 scaled down for this run)" : ""));
        figures.put("Heap after a full GC with all of them waiting", String.format("%.0f MB", heap / 1e6) + " (goal < 512 MB)");
        figures.put("Start rate", String.format("%.0f/s", startRate) + " accepted start calls (p99 " + ms(starts.p99Millis())
                + "), all waiting after " + allWaiting.toSeconds() + " s");
        figures.put("Polling timers, all of them falling due evenly over one polling interval (" + IN_FLIGHT_POLLING.toMinutes()
                + " min, " + Math.round(IN_FLIGHT / (double) IN_FLIGHT_POLLING.toSeconds()) + "/s)", "late by p50 " + String.format("%.1f s", lateness[0])
                + ", **p99 " + String.format("%.1f s", lateness[1]) + "** (goal p99 < 30 s), max " + String.format("%.1f s", lateness[2]));
        chart.put("starts /s", startRate);
    }

    // --- helpers

    private List<String> startWaiting(Api api, int port, int count, String marker) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("req-bench-" + UUID.randomUUID());
        }
        long before = waitingAtMessage(api);
        Load.closedLoop(8, count, i -> post(port, "/engine-rest/process-definition/key/account-opening/start",
                startJson(ids.get(i), "Bench " + i + " " + marker), basic()));
        await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofSeconds(1)).until(() -> waitingAtMessage(api) >= before + count);
        return ids;
    }

    /** Lets the jobs of the previous phase finish, so that they do not run during the next one. */
    private static void drainJobs(Api api) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.get("/engine-rest/job/count?executable=true", "demo", "demo").json().get("count").asLong() == 0);
    }

    private static void warmUp(int port, String sample) throws InterruptedException {
        Load.closedLoop(WORKERS, 5_000, i -> post(port, "/bench/echo", sample, Map.of()));
    }

    private static List<HttpRequest> signedCompletions(int port, List<String> requestIds) throws Exception {
        Webhook signer = new Webhook(SECRET);
        List<HttpRequest> requests = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        for (String requestId : requestIds) {
            String id = "msg_" + UUID.randomUUID();
            String body = webhookJson(requestId);
            requests.add(post(port, "/webhooks/nexusbank/account-opening", body, Map.of(
                    "webhook-id", id, "webhook-timestamp", String.valueOf(now), "webhook-signature", signer.sign(id, now, body))));
        }
        return requests;
    }

    private static String webhookJson(String requestId) {
        return Api.webhookBody(null, requestId, "COMPLETED", IBAN, "ABNANL2A", null);
    }

    private static String startJson(String requestId, String legalName) {
        return """
                {"businessKey": "%s", "variables": {"customerId": {"value": "C-bench", "type": "String"},
                 "market": {"value": "NL", "type": "String"}, "customerType": {"value": "COMPANY", "type": "String"},
                 "legalName": {"value": "%s", "type": "String"}}}""".formatted(requestId, legalName);
    }

    private static HttpRequest post(int port, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static Map<String, String> basic() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()));
    }

    private static long finished(Api api, String key) {
        return api.get("/engine-rest/history/process-instance/count?finished=true&processDefinitionKey=" + key, "demo", "demo")
                .json().get("count").asLong();
    }

    private static long waitingAtMessage(Api api) {
        return api.get("/engine-rest/execution/count?messageEventSubscriptionName=AccountOpeningStatusReceived", "demo", "demo")
                .json().get("count").asLong();
    }

    private static void correlateFloor(Api api, AtomicBoolean running) {
        while (running.get()) {
            JsonNode waiting = api.get("/engine-rest/execution?messageEventSubscriptionName=BenchFloorMessage&maxResults=50", "demo", "demo").json();
            for (JsonNode execution : waiting) {
                api.post("/engine-rest/message", "{\"messageName\": \"BenchFloorMessage\", \"processInstanceId\": \""
                        + execution.get("processInstanceId").asText() + "\"}", "demo", "demo");
            }
            if (waiting.isEmpty()) {
                await().pollDelay(Duration.ofMillis(20)).until(() -> true);
            }
        }
    }

    private static long firedTimers(ChildProcessApp app) throws Exception {
        try (Connection c = DriverManager.getConnection(app.setting("spring.datasource.url"), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select count(*) from ACT_HI_ACTINST where ACT_ID_ = 'BoundaryEvent_PollingInterval'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Started as fast as they are accepted, the openings' timers would fall due as densely as they were
     * started. In production a polling interval's worth of them falls due evenly over the interval: the
     * due dates are set so, from now on, and kept to measure how late each timer fires.
     */
    private static void spreadTimersOverOneInterval(ChildProcessApp app) throws Exception {
        try (Connection c = DriverManager.getConnection(app.setting("spring.datasource.url"), "postgres", "postgres");
             PreparedStatement due = c.prepareStatement("""
                     create table bench_timer_due as
                     select PROCESS_INSTANCE_ID_ as process_instance_id,
                            cast(? as timestamp) + interval '1 millisecond' * ? * (row_number() over (order by ID_)) / count(*) over () as due
                     from ACT_RU_JOB where HANDLER_TYPE_ = 'timer-transition'""");
             Statement s = c.createStatement()) {
            due.setTimestamp(1, Timestamp.from(Instant.now()));
            due.setLong(2, IN_FLIGHT_POLLING.toMillis());
            due.execute();
            s.executeUpdate("""
                    update ACT_RU_JOB j set DUEDATE_ = d.due from bench_timer_due d
                    where j.PROCESS_INSTANCE_ID_ = d.process_instance_id and j.HANDLER_TYPE_ = 'timer-transition'""");
        }
    }

    /** How long after its due time each of those timers fired: p50, p99, max in seconds. */
    private static double[] timerLateness(ChildProcessApp app) throws Exception {
        Histogram lateness = new Histogram(3);
        try (Connection c = DriverManager.getConnection(app.setting("spring.datasource.url"), "postgres", "postgres");
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("""
                     select extract(epoch from (a.START_TIME_ - d.due)) * 1000 from ACT_HI_ACTINST a
                     join bench_timer_due d on a.PROC_INST_ID_ = d.process_instance_id where a.ACT_ID_ = 'BoundaryEvent_PollingInterval'""")) {
            while (r.next()) {
                lateness.recordValue(Math.max(0, Math.round(r.getDouble(1))));
            }
        }
        return new double[]{lateness.getValueAtPercentile(50) / 1000.0, lateness.getValueAtPercentile(99) / 1000.0,
                lateness.getMaxValue() / 1000.0};
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static String rate(Load.Result result) {
        return String.format("%.0f/s", result.perSecond()) + " (p50 " + ms(result.p50Millis()) + ", p99 " + ms(result.p99Millis()) + ")";
    }

    private static String ms(double millis) {
        return String.format("%.1f ms", millis);
    }

    private static String pct(double ratio) {
        return String.format("%.0f%%", ratio * 100);
    }
}
