package io.github.accountopening.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.accountopening.support.EmbeddedPostgres;
import io.github.accountopening.support.FreePortInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Concurrent writers on one record, on a real PostgreSQL: the row lock lets exactly one terminal
 * status through, and the audit trail shows no status ever went backwards.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "camunda.bpm.job-execution.enabled=false")
@ContextConfiguration(initializers = FreePortInitializer.class)
@ActiveProfiles("postgres")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PostgresRowLockTest {

    static final int RECORDS = 20;
    static final BankAccount ACCOUNT = new BankAccount("NL91ABNA0417164300", "ABNANL2A");

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.useNewDatabase(registry);
    }

    @Autowired
    AccountOpenings openings;

    @Autowired
    ParkedReports parkedReports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void concurrentWritersMoveEachRecordForwardExactlyOnce() throws Exception {
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            String requestId = "req-" + UUID.randomUUID();
            openings.create(
                    new NewAccountOpening(requestId, "C-" + i, "NL", "COMPANY", "Race " + i, OpeningMode.ASYNC, null));
            openings.apply(StatusReport.accepted(requestId, "trk-" + requestId, ProviderStatus.INITIATED));
            requestIds.add(requestId);
        }
        List<Runnable> writers = new ArrayList<>();
        for (String requestId : requestIds) {
            for (ProviderStatus status : List.of(
                    ProviderStatus.COMPLETED,
                    ProviderStatus.COMPLETED,
                    ProviderStatus.COMPLETED,
                    ProviderStatus.REJECTED,
                    ProviderStatus.REJECTED,
                    ProviderStatus.IN_PROGRESS,
                    ProviderStatus.INITIATED)) {
                writers.add(() -> openings.apply(report(requestId, status)));
            }
        }
        Collections.shuffle(writers);

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> results = new ArrayList<>();
        for (Runnable writer : writers) {
            results.add(pool.submit(() -> {
                go.await();
                writer.run();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> result : results) {
            result.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        for (String requestId : requestIds) {
            List<AccountOpeningEvent> events = openings.events(requestId);
            assertThat(events).hasSize(8);
            List<AccountOpeningEvent> appliedTerminal = events.stream()
                    .filter(e -> e.getOutcome() == EventOutcome.APPLIED
                            && e.getStatus().isTerminal())
                    .toList();
            assertThat(appliedTerminal)
                    .as("exactly one terminal status applied to " + requestId)
                    .hasSize(1);

            AccountOpening record = openings.get(requestId);
            assertThat(record.getStatus().name())
                    .isEqualTo(appliedTerminal.get(0).getStatus().name());
            if (record.getStatus() == AccountStatus.COMPLETED) {
                assertThat(record.getIban()).isEqualTo(ACCOUNT.iban());
            } else {
                assertThat(record.getIban()).isNull();
            }
            int rank = 0;
            for (AccountOpeningEvent event : events) {
                if (event.getOutcome() == EventOutcome.APPLIED) {
                    assertThat(event.getStatus().rank())
                            .as("no step backwards in " + requestId)
                            .isGreaterThan(rank);
                    rank = event.getStatus().rank();
                }
            }
            long contradicting = events.stream()
                    .filter(e -> e.getOutcome() == EventOutcome.CONTRADICTING)
                    .count();
            assertThat(contradicting).isEqualTo(record.getStatus() == AccountStatus.COMPLETED ? 2 : 3);
        }
    }

    @Test
    void aReportFasterThanTheTrackingIdIsParkedThenAppliedWhenTheIdArrives() {
        String requestId = "req-" + UUID.randomUUID();
        String trackingId = "trk-" + requestId;
        openings.create(
                new NewAccountOpening(requestId, "C-p", "NL", "COMPANY", "Parked B.V.", OpeningMode.ASYNC, null));

        ApplyResult parked = openings.apply(
                StatusReport.webhook(null, trackingId, ProviderStatus.COMPLETED, ACCOUNT, null, "msg_early"));
        assertThat(parked.outcome()).isEqualTo(EventOutcome.PARKED);
        assertThat(openings.get(requestId).getStatus()).isEqualTo(AccountStatus.IN_PROGRESS);

        openings.apply(StatusReport.accepted(requestId, trackingId, ProviderStatus.INITIATED));

        AccountOpening opening = openings.get(requestId);
        assertThat(opening.getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(opening.getIban()).isEqualTo(ACCOUNT.iban());
        assertThat(openings.events(requestId))
                .extracting(e -> e.getSource() + " " + e.getStatus() + " " + e.getOutcome())
                .containsExactly("PROVIDER INITIATED APPLIED", "WEBHOOK COMPLETED PARKED", "WEBHOOK COMPLETED APPLIED");
    }

    @Test
    void theSweeperMatchesAParkedReportWhoseOpeningAppearedMeanwhile() {
        String requestId = "req-" + UUID.randomUUID();
        assertThat(openings.apply(StatusReport.webhook(
                                requestId, null, ProviderStatus.REJECTED, null, "too late", "msg_orphan"))
                        .outcome())
                .isEqualTo(EventOutcome.PARKED);
        openings.create(
                new NewAccountOpening(requestId, "C-s", "BE", "COMPANY", "Swept B.V.", OpeningMode.ASYNC, null));

        parkedReports.sweep();

        assertThat(openings.get(requestId).getStatus()).isEqualTo(AccountStatus.REJECTED);
        assertThat(openings.get(requestId).getRejectionReason()).isEqualTo("too late");
    }

    @Test
    void aReportParkedLongerThanTheSweepLooksBackStaysParkedUntilItsOpeningsIdsAreStored() {
        String requestId = "req-" + UUID.randomUUID();
        double parkedBefore = parkedGauge();
        openings.apply(StatusReport.webhook(requestId, null, ProviderStatus.COMPLETED, ACCOUNT, null, "msg_old"));
        jdbc.update(
                "update parked_status_report set received_at = ? where request_id = ?",
                Timestamp.from(
                        Instant.now().minus(ParkedReports.SWEEP_LOOK_BACK).minus(Duration.ofHours(1))),
                requestId);
        openings.create(
                new NewAccountOpening(requestId, "C-o", "NL", "COMPANY", "Old News B.V.", OpeningMode.ASYNC, null));

        parkedReports.sweep();
        assertThat(openings.get(requestId).getStatus())
                .as("left out of the sweep")
                .isEqualTo(AccountStatus.IN_PROGRESS);
        assertThat(parkedGauge()).as("still parked, and counted").isEqualTo(parkedBefore + 1);

        openings.apply(StatusReport.accepted(requestId, "trk-" + requestId, ProviderStatus.INITIATED));
        assertThat(openings.get(requestId).getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(parkedGauge()).isEqualTo(parkedBefore);
    }

    private double parkedGauge() {
        return meters.get("account.opening.reports.parked").gauge().value();
    }

    private static StatusReport report(String requestId, ProviderStatus status) {
        return StatusReport.webhook(
                requestId,
                "trk-" + requestId,
                status,
                status == ProviderStatus.COMPLETED ? ACCOUNT : null,
                status == ProviderStatus.REJECTED ? "refused" : null,
                "msg_" + UUID.randomUUID());
    }
}
