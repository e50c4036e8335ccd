package io.github.accountopening.bench;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.standardwebhooks.Webhook;
import io.github.accountopening.support.Api;
import io.github.accountopening.support.ChildProcessApp;
import io.github.accountopening.support.EmbeddedPostgres;
import io.github.accountopening.support.FreePortInitializer;
import io.github.accountopening.support.Simulators;
import java.lang.management.ManagementFactory;
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
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The benchmark ({@code mvn -B -Pbench verify}): every figure measured side by side in one run, on
 * profile postgres with the embedded PostgreSQL server. The application under test and the simulated
 * providers run in two JVMs of their own, so that neither the load generator nor the simulators are
 * counted as our cost. Writes target/bench/report.md and target/bench/chart.png. Nothing is asserted:
 * the report states each goal beside its figure.
 */
class AccountOpeningBenchmark {

    static final int WORKERS = 16;
    /** Each ratio is the median of this many repetitions, the two designs taking turns. */
    static final int REPETITIONS = Integer.getInteger("bench.repetitions", 3);

    static final int IN_FLIGHT = Integer.getInteger("bench.inflight", 100_000);
    /** The window the openings' polling timers fall due in: the production polling interval. */
    static final Duration IN_FLIGHT_POLLING = Duration.parse(System.getProperty("bench.inflight.polling", "PT30M"));
    /** -Dbench.only=ingestion,burst (any of ingestion, e2e, burst, inflight): only those phases, for a shorter run. */
    static final Set<String> PHASES = Set.of(
            System.getProperty("bench.only", "ingestion,e2e,burst,inflight").split(","));

    static final int BURST = Integer.getInteger("bench.burst", 10_000);
    /** The alternative's burst may be made smaller to shorten a run; its figures say how many it had. */
    static final int BURST_ALTERNATIVE = Integer.getInteger("bench.burst.alternative", BURST);
    /** First deliveries per repetition and design: at the peak, at half the peak, and half of that with duplicates. */
    static final int INGESTION = Integer.getInteger("bench.ingestion", 1000);
    /** Transactions of the database's own rate for the acknowledgement's statements, per repetition. */
    static final int DATABASE_LIMIT = Integer.getInteger("bench.limit", 5000);

    static final int END_TO_END = Integer.getInteger("bench.e2e", 600);
    /** Openings whose first deliveries warm the application up before the webhook figures. */
    static final int WARM_UP = Integer.getInteger("bench.warm-up", 2000);

    static final int BURST_SENDERS = 64;
    static final Duration BURST_TIMEOUT = Duration.ofSeconds(15);
    static final String SECRET = Api.DEV_WEBHOOK_SECRET;
    static final String IBAN = "NL91ABNA0417164300";

    final Map<String, String> figures = new LinkedHashMap<>();
    final List<String> notes = new ArrayList<>();
    final Map<String, Double> chart = new LinkedHashMap<>();
    Profiler profiler;

    /**
     * One application under test, the wake-up as a job (the design) or correlated in the webhook's
     * transaction, with simulated providers of its own that send their webhooks to it.
     */
    record Design(
            String name, String wakeUp, ChildProcessApp app, int port, ChildProcessApp providers, int providersPort) {
        Api api() {
            return app.api();
        }

        void stop() {
            app.stop();
        }
    }

    @Test
    void measure() throws Exception {
        Path dir = Path.of("target/bench");
        Files.createDirectories(dir);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        profiler = Profiler.ENABLED ? new Profiler(dir) : null;
        Design job = design("wake-up job", "job", dir);
        // -Dbench.alternative=false: the wake-up job alone, for a shorter run
        Design inTransaction = Boolean.parseBoolean(System.getProperty("bench.alternative", "true"))
                ? design("in the webhook's transaction", "in-transaction", dir)
                : null;
        Design[] designs = inTransaction == null ? new Design[] {job} : new Design[] {job, inTransaction};
        try {
            // The report is written after every phase, so a run cut short keeps what it measured.
            if (PHASES.contains("ingestion")) {
                ingestion(designs);
                BenchReport.write(dir, figures, notes, chart);
            }
            if (PHASES.contains("e2e")) {
                endToEnd(job, inTransaction);
                BenchReport.write(dir, figures, notes, chart);
            }
            if (PHASES.contains("burst")) {
                burst(job, BURST);
                BenchReport.write(dir, figures, notes, chart);
                if (inTransaction != null) {
                    burst(inTransaction, BURST_ALTERNATIVE);
                    BenchReport.write(dir, figures, notes, chart);
                }
            }
        } catch (Exception | Error e) {
            job.providers().stop(); // a run that fails leaves no process behind
            throw e;
        } finally {
            job.stop();
            if (inTransaction != null) {
                inTransaction.stop();
                inTransaction.providers().stop();
            }
        }
        try {
            if (PHASES.contains("inflight")) {
                // Their own timers stay out of the way: the benchmark sets the due dates of the first ones.
                int appPort = FreePortInitializer.freePort();
                ChildProcessApp inFlight = appUnderTest(
                        job.providersPort(), appPort, Duration.ofHours(6), "job", dir.resolve("app-in-flight.log"));
                inFlight.start();
                try {
                    inFlight(inFlight, appPort);
                } finally {
                    inFlight.stop();
                }
            }
        } finally {
            job.providers().stop();
        }
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        // Only the load before the run tells whether other work shared the machine: at its end the
        // benchmark's own JVMs and PostgreSQL are part of it.
        notes.add(String.format(
                "Load average of the machine (1 min) just before the run: %.1f (2 cores; above 2, other"
                        + " work shared them). At its end, the benchmark's own processes included: %.1f.",
                loadBefore, loadAfter));
        BenchReport.write(dir, figures, notes, chart);
    }

    private static Design design(String name, String wakeUp, Path dir) {
        int providersPort = FreePortInitializer.freePort();
        int port = FreePortInitializer.freePort();
        ChildProcessApp providers = new ChildProcessApp(
                Map.of(
                        "spring.datasource.url",
                        "jdbc:h2:mem:providers;DB_CLOSE_DELAY=-1",
                        "simulator.webhook-delay",
                        "PT0S",
                        "simulator.webhook-url",
                        Simulators.webhookUrl(port),
                        "camunda.bpm.job-execution.enabled",
                        false),
                providersPort,
                dir.resolve("providers-" + wakeUp + ".log"));
        providers.start();
        ChildProcessApp app =
                appUnderTest(providersPort, port, Duration.ofHours(1), wakeUp, dir.resolve("app-" + wakeUp + ".log"));
        app.start();
        return new Design(name, wakeUp, app, port, providers, providersPort);
    }

    /** The application on a new database of its own, calling the simulators of the providers' JVM. */
    private static ChildProcessApp appUnderTest(
            int providersPort, int port, Duration polling, String wakeUp, Path log) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.profiles.active", "postgres");
        settings.putAll(EmbeddedPostgres.newDatabaseSettings());
        settings.put("simulator.enabled", false);
        settings.put("bench.endpoint.enabled", true);
        settings.put("bench.wake-up", wakeUp);
        settings.putAll(Simulators.servedOn(providersPort));
        settings.put("account-opening.polling.interval", polling);
        settings.put("account-opening.polling.give-up-after", "PT24H");
        settings.put("logging.level.io.github.accountopening", "WARN");
        settings.put("camunda.bpm.job-execution.wait-time-in-millis", 100);
        settings.put("camunda.bpm.job-execution.max-wait", 1000);
        // -Dbench.app=key=value,key=value: settings of the application under test to compare, e.g. its job executor's
        for (String setting : System.getProperty("bench.app", "").split(",")) {
            if (setting.contains("=")) {
                settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        return new ChildProcessApp(settings, port, log);
    }

    /** What one repetition of the webhook figures measured on one design. */
    record IngestionRun(
            double bare,
            double database,
            double firsts,
            double firstsP99,
            Map<String, Double> cpuPerFirst,
            double duplicates,
            double halfPeak,
            double halfP50,
            double halfP99,
            Map<Integer, Long> halfStatuses,
            double mixedFirstMean,
            double mixedDuplicateMean) {}

    /**
     * Figures 1 and 2: verified, shielded, applied webhooks (the process woken) beside a bare JSON POST,
     * each design in turn, {@link #REPETITIONS} times, the order flipped every repetition.
     */
    private void ingestion(Design... designs) throws Exception {
        int firstsClosed = INGESTION;
        int firstsFixed = INGESTION;
        int mixed = INGESTION / 2;
        int perRun = firstsClosed + firstsFixed + mixed;
        Map<Design, List<String>> waiting = new LinkedHashMap<>();
        Map<Design, List<IngestionRun>> runs = new LinkedHashMap<>();
        for (Design design : designs) {
            waiting.put(
                    design,
                    startWaiting(
                            design.api(), design.port(), perRun * REPETITIONS + WARM_UP, "req-bench-", "[no-webhook]"));
            warmUp(
                    design,
                    webhookJson(waiting.get(design).get(0)),
                    waiting.get(design).subList(perRun * REPETITIONS, perRun * REPETITIONS + WARM_UP));
            runs.put(design, new ArrayList<>());
        }
        for (int r = 0; r < REPETITIONS; r++) {
            List<Design> order = new ArrayList<>(List.of(designs));
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            for (Design design : order) {
                List<String> ids = waiting.get(design).subList(r * perRun, (r + 1) * perRun);
                runs.get(design)
                        .add(ingestionRun(
                                design,
                                r,
                                ids.subList(0, firstsClosed),
                                ids.subList(firstsClosed, firstsClosed + firstsFixed),
                                ids.subList(firstsClosed + firstsFixed, perRun)));
            }
        }
        for (Design design : designs) {
            List<IngestionRun> rs = runs.get(design);
            String d = " — " + design.name();
            figures.put("Bare JSON POST, peak (16 clients)" + d, medianRange(rs, IngestionRun::bare, "%.0f/s"));
            figures.put(
                    "The database alone: the acknowledgement's statements over plain JDBC, 16 clients" + d,
                    medianRange(rs, IngestionRun::database, "%.0f/s") + " transactions");
            figures.put(
                    "First deliveries (verified, shielded, applied, woken), peak" + d,
                    medianRange(rs, IngestionRun::firsts, "%.0f/s") + ", p99 "
                            + medianRange(rs, IngestionRun::firstsP99, "%.0f ms")
                            + " = **" + medianRange(rs, x -> 100 * x.firsts() / x.database(), "%.0f%%")
                            + " of the database's rate**"
                            + " (goal ≥ 25%) and **" + medianRange(rs, x -> 100 * x.firsts() / x.bare(), "%.0f%%")
                            + " of bare** (goal ≥ 20%)");
            figures.put(
                    "CPU per first delivery at the peak" + d,
                    String.join(
                            ", ",
                            rs.get(0).cpuPerFirst().keySet().stream()
                                    .map(process -> process + " "
                                            + medianRange(
                                                    rs, x -> x.cpuPerFirst().get(process), "%.2f ms"))
                                    .toList()));
            figures.put(
                    "First deliveries at half the peak (fixed arrival rate)" + d,
                    medianRange(rs, IngestionRun::halfPeak, "%.0f/s")
                            + ": p50 " + medianRange(rs, IngestionRun::halfP50, "%.1f ms") + ", **p99 "
                            + medianRange(rs, IngestionRun::halfP99, "%.1f ms") + "** (goal ≤ 50 ms), answers "
                            + rs.stream()
                                    .map(x -> x.halfStatuses().toString())
                                    .distinct()
                                    .toList());
            figures.put(
                    "Duplicates only (all shielded), peak" + d,
                    medianRange(rs, IngestionRun::duplicates, "%.0f/s") + " = **"
                            + medianRange(rs, x -> x.duplicates() / x.firsts(), "%.1f×")
                            + " cheaper** than first deliveries (goal ≥ 10×)");
            figures.put(
                    "50% duplicates at half the peak" + d,
                    "first deliveries mean " + medianRange(rs, IngestionRun::mixedFirstMean, "%.1f ms")
                            + ", duplicates mean " + medianRange(rs, IngestionRun::mixedDuplicateMean, "%.1f ms"));
            chart.put("firsts /s (" + (design == designs[0] ? "job" : "in tx") + ")", median(rs, IngestionRun::firsts));
        }
        chart.put("bare POST /s", median(runs.get(designs[0]), IngestionRun::bare));
        chart.put("database alone /s", median(runs.get(designs[0]), IngestionRun::database));
        chart.put("duplicates /s", median(runs.get(designs[0]), IngestionRun::duplicates));
        notes.add("Each ratio is the median of " + REPETITIONS
                + " repetitions inside the run, the two designs taking turns"
                + " (the order flipped each time), with the range of the repetitions in brackets. A first delivery completes an"
                + " opening waiting at its message. With the wake-up job, the webhook's transaction verifies, takes the shield"
                + " key, locks and updates the record, appends the event and inserts the wake-up job; the job executor wakes"
                + " the process beside the requests. In the webhook's transaction, the same transaction correlates the message"
                + " and carries the process on to its card job. Between the phases the jobs are left to finish, so that each"
                + " phase measures only its own requests.");
    }

    private IngestionRun ingestionRun(
            Design design, int repetition, List<String> closed, List<String> fixed, List<String> mixed)
            throws Exception {
        int port = design.port();
        String sample = webhookJson(closed.get(0));
        drainJobs(design.api());
        Load.Result bare = Load.closedLoop(WORKERS, 10_000, i -> post(port, "/bench/echo", sample, Map.of()));
        double database = DatabaseLimit.rate(design.app().setting("spring.datasource.url"), WORKERS, DATABASE_LIMIT);
        List<HttpRequest> firsts = signedCompletions(port, closed, Duration.ofSeconds(60));
        boolean profiled = profiler != null && repetition == REPETITIONS - 1; // the last: the most warmed up
        if (profiled) {
            profiler.start(design.app().pid());
        }
        Map<String, Double> cpuBefore =
                CpuTime.read(design.app().pid(), design.providers().pid());
        Load.Result webhooks = Load.closedLoop(WORKERS, firsts.size(), firsts::get);
        Map<String, Double> cpuPerFirst = CpuTime.perRequest(
                cpuBefore, CpuTime.read(design.app().pid(), design.providers().pid()), firsts.size());
        if (profiled) {
            profile(design, "first-deliveries-" + design.wakeUp(), "First deliveries at the peak, " + design.name());
        }
        drainJobs(design.api());
        Load.Result duplicates = Load.closedLoop(WORKERS, firsts.size(), firsts::get);
        double halfPeak = webhooks.perSecond() / 2;
        List<HttpRequest> fixedRequests = signedCompletions(port, fixed, Duration.ofSeconds(60));
        Load.Result atHalfPeak = Load.fixedRate(halfPeak, fixedRequests.size(), fixedRequests::get);
        drainJobs(design.api());
        // the same fixed rate, every first delivery followed by its duplicate
        List<HttpRequest> halfDuplicates = new ArrayList<>();
        for (HttpRequest first : signedCompletions(port, mixed, Duration.ofSeconds(60))) {
            halfDuplicates.add(first);
            halfDuplicates.add(first);
        }
        Load.Result withDuplicates = Load.fixedRate(halfPeak, halfDuplicates.size(), halfDuplicates::get);
        drainJobs(design.api());
        Histogram firstLatency = new Histogram(3);
        Histogram duplicateLatency = new Histogram(3);
        for (int i = 0; i < halfDuplicates.size(); i++) {
            (i % 2 == 0 ? firstLatency : duplicateLatency)
                    .recordValue(withDuplicates.latencies()[i]);
        }
        return new IngestionRun(
                bare.perSecond(),
                database,
                webhooks.perSecond(),
                webhooks.p99Millis(),
                cpuPerFirst,
                duplicates.perSecond(),
                halfPeak,
                atHalfPeak.p50Millis(),
                atHalfPeak.p99Millis(),
                atHalfPeak.statuses(),
                firstLatency.getMean() / 1000,
                duplicateLatency.getMean() / 1000);
    }

    /** Figure 3: openings from the start call to COMPLETED with card, each design beside the engine's floor, in turns. */
    private void endToEnd(Design job, Design inTransaction) throws Exception {
        int openings = END_TO_END;
        job.api()
                .deploy(
                        "bench-floor",
                        "bench-floor.bpmn",
                        Files.readString(Path.of("src/test/resources/bench/bench-floor.bpmn")));
        List<double[]> runs = new ArrayList<>(); // {job, in transaction, floor} per repetition
        List<Load.Result> starts = new ArrayList<>();
        List<Map<String, Double>> cpuPerOpening = new ArrayList<>();
        for (int r = 0; r < REPETITIONS; r++) {
            double[] run = new double[3];
            List<Integer> order = new ArrayList<>(inTransaction == null ? List.of(0, 2) : List.of(0, 1, 2));
            if (r % 2 == 1) {
                Collections.reverse(order);
            }
            for (int which : order) {
                if (which == 2) {
                    run[2] = floorRate(job, openings);
                } else {
                    Design design = which == 0 ? job : inTransaction;
                    long finishedBefore = finished(design.api(), "account-opening");
                    boolean profiled = profiler != null && r == REPETITIONS - 1 && which == 0;
                    if (profiled) {
                        profiler.start(design.app().pid());
                    }
                    Map<String, Double> cpuBefore =
                            CpuTime.read(design.app().pid(), design.providers().pid());
                    Instant start = Instant.now();
                    Load.Result startCalls = Load.closedLoop(
                            8,
                            openings,
                            i -> post(
                                    design.port(),
                                    "/engine-rest/process-definition/key/account-opening/start",
                                    startJson("req-e2e-" + UUID.randomUUID(), "E2E " + i + " B.V."),
                                    basic()));
                    await().atMost(Duration.ofMinutes(15))
                            .pollInterval(Duration.ofMillis(200))
                            .until(() -> finished(design.api(), "account-opening") >= finishedBefore + openings);
                    run[which] = openings / secondsSince(start);
                    if (which == 0) {
                        starts.add(startCalls);
                        cpuPerOpening.add(CpuTime.perRequest(
                                cpuBefore,
                                CpuTime.read(
                                        design.app().pid(), design.providers().pid()),
                                openings));
                    }
                    if (profiled) {
                        profile(design, "end-to-end-job", "Openings end to end, " + design.name());
                    }
                }
            }
            runs.add(run);
        }
        figures.put(
                "Openings end to end (start call to COMPLETED with card, webhook delay 0, 8 clients) — wake-up job",
                medianRange(runs, x -> x[0], "%.1f/s") + ", start calls answered p99 "
                        + medianRange(starts, Load.Result::p99Millis, "%.0f ms"));
        figures.put(
                "CPU per opening end to end — wake-up job",
                String.join(
                        ", ",
                        cpuPerOpening.get(0).keySet().stream()
                                .map(process ->
                                        process + " " + medianRange(cpuPerOpening, x -> x.get(process), "%.1f ms"))
                                .toList()));
        if (inTransaction != null) {
            figures.put("Openings end to end — in the webhook's transaction", medianRange(runs, x -> x[1], "%.1f/s"));
        }
        figures.put(
                "Camunda's floor: start, async task, message wait, async task, end",
                medianRange(runs, x -> x[2], "%.1f/s")
                        + " → wake-up job **" + medianRange(runs, x -> 100 * x[0] / x[2], "%.0f%%")
                        + " of the floor** (goal ≥ 75%)"
                        + (inTransaction == null
                                ? ""
                                : ", in the webhook's transaction "
                                        + medianRange(runs, x -> 100 * x[1] / x[2], "%.0f%%")));
        chart.put("openings /s (job)", median(runs, x -> x[0]));
        chart.put("floor /s", median(runs, x -> x[2]));
        notes.add("The floor is a minimal process of the same shape started over the same REST API and correlated one"
                + " instance at a time over REST by a client that polls for waiting instances, on the same database.");
    }

    private static double floorRate(Design design, int openings) throws Exception {
        long before = finished(design.api(), "bench-floor");
        AtomicBoolean correlating = new AtomicBoolean(true);
        Thread correlator = new Thread(() -> correlateFloor(design.api(), correlating));
        Instant floorStart = Instant.now();
        correlator.start();
        Load.closedLoop(
                8,
                openings,
                i -> post(
                        design.port(),
                        "/engine-rest/process-definition/key/bench-floor/start",
                        "{\"businessKey\": \"floor-" + UUID.randomUUID() + "\"}",
                        basic()));
        await().atMost(Duration.ofMinutes(15))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> finished(design.api(), "bench-floor") >= before + openings);
        correlating.set(false);
        correlator.join();
        return openings / secondsSince(floorStart);
    }

    /**
     * Figure 5: a provider's backlog after an outage. {@link #BURST} openings wait on PostgreSQL; their
     * terminal webhooks come at once from 64 senders that give up after 15 s, as Svix-based senders do.
     */
    private void burst(Design design, int size) throws Exception {
        String prefix = "req-burst-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<String> ids = startWaiting(design.api(), design.port(), size, prefix, "[no-webhook]");
        drainJobs(design.api());
        List<HttpRequest> deliveries = signedCompletions(design.port(), ids, BURST_TIMEOUT);
        if (profiler != null) {
            profiler.start(design.app().pid());
        }
        Map<String, Double> cpuBefore =
                CpuTime.read(design.app().pid(), design.providers().pid());
        Instant start = Instant.now();
        Load.Result acks = Load.closedLoop(BURST_SENDERS, deliveries.size(), deliveries::get);
        Map<String, Double> cpuPerAck = CpuTime.perRequest(
                cpuBefore, CpuTime.read(design.app().pid(), design.providers().pid()), deliveries.size());
        if (profiler != null) {
            profile(design, "burst-" + design.wakeUp(), "Burst of " + size + ", " + design.name());
        }
        await().atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> withCard(design.app(), prefix) >= size);
        Duration lastCard = Duration.between(start, Instant.now());
        long[] cards = cardsIssued(design.app(), prefix);
        figures.put(
                "Burst: " + String.format("%,d", size) + " terminal webhooks at once, 64 senders, 15 s timeout — "
                        + design.name(),
                "answers " + acks.statuses() + " in "
                        + String.format("%.1f s", acks.elapsed().toMillis() / 1000.0) + ", ack p50 "
                        + ms(acks.p50Millis()) + ", **p99 " + ms(acks.p99Millis()) + "** (goal < 1 s), max "
                        + ms(acks.latencyMicros().getMaxValue() / 1000.0)
                        + "; last card " + lastCard.toSeconds() + " s after the first delivery; " + cards[0]
                        + " openings COMPLETED with a card, "
                        + cards[1] + " card steps in the history (one each: " + (cards[0] == size && cards[1] == size)
                        + "); CPU per"
                        + " acknowledgement while they came: "
                        + cpuPerAck.entrySet().stream()
                                .map(e -> e.getKey() + String.format(" %.2f ms", e.getValue()))
                                .toList());
        if (design.name().startsWith("wake-up")) {
            chart.put("burst acks /s (job)", acks.perSecond());
        }
    }

    /** Stops the profiler and puts where the application's CPU went beside the figures. */
    private void profile(Design design, String name, String title) throws Exception {
        Map<String, Double> shares = profiler.stop(design.app().pid(), name, title);
        StringBuilder table = new StringBuilder(
                title + ": where the application's CPU went (async-profiler, profile-" + name + ".html): ");
        shares.forEach((library, share) -> table.append(library).append(String.format(" %.1f%%; ", 100 * share)));
        notes.add(table.toString());
    }

    private static long withCard(ChildProcessApp app, String prefix) throws Exception {
        return count(
                app,
                "select count(*) from account_opening where request_id like ? and card_id is not null",
                prefix + "%");
    }

    /** Openings of the burst COMPLETED with a card, and how many card steps their processes ran (one each). */
    private static long[] cardsIssued(ChildProcessApp app, String prefix) throws Exception {
        return new long[] {
            count(
                    app,
                    "select count(distinct card_id) from account_opening where request_id like ? and status = 'COMPLETED'",
                    prefix + "%"),
            count(app, """
                        select count(*) from ACT_HI_ACTINST a join ACT_HI_PROCINST p on a.PROC_INST_ID_ = p.PROC_INST_ID_
                        where a.ACT_ID_ = 'Task_IssueCard' and a.END_TIME_ is not null and p.BUSINESS_KEY_ like ?""", prefix + "%")
        };
    }

    private static long count(ChildProcessApp app, String sql, String parameter) throws Exception {
        try (Connection c = DriverManager.getConnection(app.setting("spring.datasource.url"), "postgres", "postgres");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static <T> double median(List<T> runs, ToDoubleFunction<T> figure) {
        double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
        int n = values.length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /** The median of the repetitions, with their range: "12.3 ms (10.1–15.0)". */
    static <T> String medianRange(List<T> runs, ToDoubleFunction<T> figure, String format) {
        DoubleSummaryStatistics all = runs.stream().mapToDouble(figure).summaryStatistics();
        return String.format(format, median(runs, figure)) + " (" + String.format(format, all.getMin()) + "–"
                + String.format(format, all.getMax()) + ")";
    }

    /** Figure 4: openings waiting for their webhook, each with its polling timer. */
    private void inFlight(ChildProcessApp app, int port) throws Exception {
        Api api = app.api();
        Instant start = Instant.now();
        Load.Result starts = Load.closedLoop(
                8,
                IN_FLIGHT,
                i -> post(
                        port,
                        "/engine-rest/process-definition/key/account-opening/start",
                        startJson("req-wait-" + UUID.randomUUID(), "Waiting " + i + " [stuck] [no-webhook]"),
                        basic()));
        double startRate = IN_FLIGHT / secondsSince(start);
        await().atMost(Duration.ofHours(1))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> waitingAtMessage(api) >= IN_FLIGHT);
        Duration allWaiting = Duration.between(start, Instant.now());
        long heap = app.heapAfterFullGc();
        spreadTimersOverOneInterval(app);
        await().atMost(IN_FLIGHT_POLLING.plusHours(1))
                .pollInterval(Duration.ofSeconds(5))
                .until(() -> firedTimers(app) >= IN_FLIGHT);
        double[] lateness = timerLateness(app);

        figures.put(
                "Openings in flight",
                String.format("%,d", IN_FLIGHT) + " waiting at the message with a polling timer each"
                        + (IN_FLIGHT < 100_000 ? " (the goal's 100,000 scaled down for this run)" : ""));
        figures.put(
                "Heap after a full GC with all of them waiting",
                String.format("%.0f MB", heap / 1e6) + " (goal < 512 MB)");
        figures.put(
                "Start rate",
                String.format("%.0f/s", startRate) + " accepted start calls (p99 " + ms(starts.p99Millis())
                        + "), all waiting after " + allWaiting.toSeconds() + " s");
        figures.put(
                "Polling timers, all of them falling due evenly over one polling interval ("
                        + IN_FLIGHT_POLLING.toMinutes() + " min, "
                        + Math.round(IN_FLIGHT / (double) IN_FLIGHT_POLLING.toSeconds()) + "/s)",
                "late by p50 " + String.format("%.1f s", lateness[0]) + ", **p99 "
                        + String.format("%.1f s", lateness[1]) + "** (goal p99 < 30 s), max "
                        + String.format("%.1f s", lateness[2]));
        chart.put("starts /s", startRate);
    }

    // --- helpers

    private List<String> startWaiting(Api api, int port, int count, String prefix, String marker) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + UUID.randomUUID());
        }
        long before = waitingAtMessage(api);
        Load.closedLoop(
                8,
                count,
                i -> post(
                        port,
                        "/engine-rest/process-definition/key/account-opening/start",
                        startJson(ids.get(i), "Bench " + i + " " + marker),
                        basic()));
        await().atMost(Duration.ofMinutes(20))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> waitingAtMessage(api) >= before + count);
        return ids;
    }

    /** Lets the jobs of the previous phase finish, so that they do not run during the next one. */
    private static void drainJobs(Api api) {
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.get("/engine-rest/job/count?executable=true", "demo", "demo")
                                .json()
                                .get("count")
                                .asLong()
                        == 0);
    }

    /**
     * Both paths compiled before anything is measured: the bare POST, and the first deliveries of
     * openings of their own, with their duplicates and the jobs they leave.
     */
    private static void warmUp(Design design, String sample, List<String> openings) throws Exception {
        Load.closedLoop(WORKERS, 5_000, i -> post(design.port(), "/bench/echo", sample, Map.of()));
        List<HttpRequest> firsts = signedCompletions(design.port(), openings, Duration.ofSeconds(60));
        Load.closedLoop(WORKERS, firsts.size(), firsts::get);
        drainJobs(design.api());
        Load.closedLoop(WORKERS, 3 * firsts.size(), i -> firsts.get(i % firsts.size()));
        jitSettled(design.api());
    }

    /**
     * Until the JIT compiler has finished what the warm-up gave it: its total compilation time has not
     * grown for three seconds (at most two minutes), so no phase pays for compiling the code it measures.
     */
    private static void jitSettled(Api api) {
        java.util.concurrent.atomic.AtomicLong last = new java.util.concurrent.atomic.AtomicLong(-1);
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    long now = api.get("/actuator/metrics/jvm.compilation.time", "demo", "demo")
                            .json()
                            .at("/measurements/0/value")
                            .asLong();
                    return last.getAndSet(now) == now;
                });
    }

    private static List<HttpRequest> signedCompletions(int port, List<String> requestIds, Duration timeout)
            throws Exception {
        Webhook signer = new Webhook(SECRET);
        List<HttpRequest> requests = new ArrayList<>();
        long now = Instant.now().getEpochSecond();
        for (String requestId : requestIds) {
            String id = "msg_" + UUID.randomUUID();
            String body = webhookJson(requestId);
            requests.add(post(
                    port,
                    "/webhooks/nexusbank/account-opening",
                    body,
                    Map.of(
                            "webhook-id",
                            id,
                            "webhook-timestamp",
                            String.valueOf(now),
                            "webhook-signature",
                            signer.sign(id, now, body)),
                    timeout));
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
        return post(port, path, body, headers, Duration.ofSeconds(60));
    }

    private static HttpRequest post(int port, String path, String body, Map<String, String> headers, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return request.build();
    }

    private static Map<String, String> basic() {
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes()));
    }

    private static long finished(Api api, String key) {
        return api.get(
                        "/engine-rest/history/process-instance/count?finished=true&processDefinitionKey=" + key,
                        "demo",
                        "demo")
                .json()
                .get("count")
                .asLong();
    }

    private static long waitingAtMessage(Api api) {
        return api.get(
                        "/engine-rest/execution/count?messageEventSubscriptionName=AccountOpeningStatusReceived",
                        "demo",
                        "demo")
                .json()
                .get("count")
                .asLong();
    }

    private static void correlateFloor(Api api, AtomicBoolean running) {
        while (running.get()) {
            JsonNode waiting = api.get(
                            "/engine-rest/execution?messageEventSubscriptionName=BenchFloorMessage&maxResults=50",
                            "demo",
                            "demo")
                    .json();
            for (JsonNode execution : waiting) {
                api.post(
                        "/engine-rest/message",
                        "{\"messageName\": \"BenchFloorMessage\", \"processInstanceId\": \""
                                + execution.get("processInstanceId").asText() + "\"}",
                        "demo",
                        "demo");
            }
            if (waiting.isEmpty()) {
                await().pollDelay(Duration.ofMillis(20)).until(() -> true);
            }
        }
    }

    private static long firedTimers(ChildProcessApp app) throws Exception {
        try (Connection c = DriverManager.getConnection(app.setting("spring.datasource.url"), "postgres", "postgres");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "select count(*) from ACT_HI_ACTINST where ACT_ID_ = 'BoundaryEvent_PollingInterval'")) {
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
        return new double[] {
            lateness.getValueAtPercentile(50) / 1000.0,
            lateness.getValueAtPercentile(99) / 1000.0,
            lateness.getMaxValue() / 1000.0
        };
    }

    private static double secondsSince(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    private static String rate(Load.Result result) {
        return String.format("%.0f/s", result.perSecond()) + " (p50 " + ms(result.p50Millis()) + ", p99 "
                + ms(result.p99Millis()) + ")";
    }

    private static String ms(double millis) {
        return String.format("%.1f ms", millis);
    }

    private static String pct(double ratio) {
        return String.format("%.0f%%", ratio * 100);
    }
}
