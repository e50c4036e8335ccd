package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;
import static io.github.accountopening.process.ModelElements.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.AccountStatus;
import io.github.accountopening.account.EventOutcome;
import io.github.accountopening.account.ParkedReportRetention;
import io.github.accountopening.account.ProviderStatus;
import io.github.accountopening.account.StatusReport;
import io.github.accountopening.config.AccountOpeningProperties;
import io.github.accountopening.support.FreePortInitializer;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * What stays and what goes: the engine's history of an ended opening is removed by Camunda's history
 * cleanup once its time to live has passed, a running opening's history stays, the account record and
 * its audit trail stay for ever, and parked reports that never matched go after their retention, counted.
 * Like the process tests (job executor off, time moved by ClockUtil), but outside their model-coverage goal.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "camunda.bpm.job-execution.enabled=false",
            "simulator.webhook-delay=PT0S",
            "spring.datasource.url=jdbc:h2:mem:history-test;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000"
        })
@ContextConfiguration(initializers = FreePortInitializer.class)
public class HistoryRetentionTest {

    @Autowired
    ProcessEngine engine;

    @Autowired
    RuntimeService runtime;

    @Autowired
    HistoryService history;

    @Autowired
    ManagementService management;

    @Autowired
    RepositoryService repository;

    @Autowired
    AccountOpenings openings;

    @Autowired
    ParkedReportRetention parkedRetention;

    @Autowired
    AccountOpeningProperties properties;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theModelsCarryTheConfiguredTimeToLive() {
        int days = (int) properties.history().timeToLive().toDays();
        assertThat(repository
                        .createProcessDefinitionQuery()
                        .processDefinitionKey(KEY)
                        .list())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(days));
        assertThat(repository
                        .createDecisionDefinitionQuery()
                        .decisionDefinitionKey(DECISION_MODE)
                        .list())
                .isNotEmpty()
                .allSatisfy(d -> assertThat(d.getHistoryTimeToLive()).isEqualTo(days));
    }

    @Test
    void cleanupRemovesAnEndedOpeningsHistoryAfterItsTimeToLiveAndKeepsARunningOnesAndEveryRecord() {
        Duration timeToLive = properties.history().timeToLive();
        ProcessInstance ended = start("DE", "FREELANCER", "Kept Records GmbH");
        runTheJobOf(ended);
        runTheJobOf(ended);
        assertThat(runtime.createProcessInstanceQuery()
                        .processInstanceId(ended.getId())
                        .count())
                .as("ended")
                .isZero();
        ProcessInstance running = start("NL", "COMPANY", "Still Waiting B.V. [stuck]");
        runTheJobOf(running);
        assertThat(runtime.getActiveActivityIds(running.getId())).containsExactly(TASK_AWAIT_STATUS);

        HistoricProcessInstance endedHistory = historyOf(ended);
        assertThat(endedHistory.getRemovalTime())
                .isEqualTo(Date.from(endedHistory.getEndTime().toInstant().plus(timeToLive)));
        assertThat(historyOf(running).getRemovalTime())
                .as("a running instance has no removal time")
                .isNull();

        Instant now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now.plus(timeToLive).minus(Duration.ofDays(1))));
        runHistoryCleanup();
        assertThat(historyOf(ended)).as("a day before its time to live").isNotNull();

        ClockUtil.setCurrentTime(Date.from(now.plus(timeToLive).plus(Duration.ofDays(1))));
        runHistoryCleanup();

        assertThat(historyOf(ended))
                .as("ended opening's history past its time to live")
                .isNull();
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(ended.getId())
                        .count())
                .isZero();
        assertThat(history.createHistoricVariableInstanceQuery()
                        .processInstanceId(ended.getId())
                        .count())
                .isZero();
        assertThat(history.createHistoricDecisionInstanceQuery()
                        .processInstanceId(ended.getId())
                        .count())
                .isZero();

        assertThat(historyOf(running)).as("running opening's history").isNotNull();
        assertThat(history.createHistoricActivityInstanceQuery()
                        .processInstanceId(running.getId())
                        .count())
                .isPositive();
        assertThat(history.createHistoricDecisionInstanceQuery()
                        .processInstanceId(running.getId())
                        .count())
                .isOne();

        assertThat(openings.get(ended.getBusinessKey()).getStatus())
                .as("the bank's record stays")
                .isEqualTo(AccountStatus.COMPLETED);
        assertThat(openings.get(ended.getBusinessKey()).getIban()).startsWith("DE");
        assertThat(openings.events(ended.getBusinessKey()))
                .as("and its audit trail")
                .isNotEmpty();
    }

    @Test
    void parkedReportsThatNeverMatchedAreRemovedAfterTheRetentionAndCounted() {
        String stale = "req-never-" + UUID.randomUUID();
        String recent = "req-not-yet-" + UUID.randomUUID();
        assertThat(openings.apply(report(stale)).outcome()).isEqualTo(EventOutcome.PARKED);
        assertThat(openings.apply(report(recent)).outcome()).isEqualTo(EventOutcome.PARKED);
        Instant beyondRetention = Instant.now()
                .minus(properties.history().parkedReportRetention())
                .minus(Duration.ofHours(1));
        jdbc.update(
                "update parked_status_report set received_at = ? where request_id = ?",
                Timestamp.from(beyondRetention),
                stale);
        double removedBefore =
                meters.counter("account.opening.reports.parked.expired").count();

        int removed = parkedRetention.removeExpired();

        assertThat(parkedCount(stale)).isZero();
        assertThat(parkedCount(recent))
                .as("a report still within its retention")
                .isOne();
        assertThat(removed).isPositive();
        assertThat(meters.counter("account.opening.reports.parked.expired").count())
                .isEqualTo(removedBefore + removed);
    }

    private static StatusReport report(String requestId) {
        return StatusReport.webhook(
                requestId, "trk-" + requestId, ProviderStatus.IN_PROGRESS, null, null, "msg_" + UUID.randomUUID());
    }

    private long parkedCount(String requestId) {
        return jdbc.queryForObject(
                "select count(*) from parked_status_report where request_id = ?", Long.class, requestId);
    }

    /** As the nightly window would, but now: the cleanup jobs made due at once and run. */
    private void runHistoryCleanup() {
        history.cleanUpHistoryAsync(true);
        List<Job> jobs = history.findHistoryCleanupJobs();
        assertThat(jobs).isNotEmpty();
        jobs.forEach(j -> management.executeJob(j.getId()));
    }

    private HistoricProcessInstance historyOf(ProcessInstance pi) {
        return history.createHistoricProcessInstanceQuery()
                .processInstanceId(pi.getId())
                .singleResult();
    }

    private ProcessInstance start(String market, String customerType, String legalName) {
        return runtime.startProcessInstanceByKey(
                KEY,
                "req-" + UUID.randomUUID(),
                Map.of(
                        VAR_CUSTOMER_ID,
                        "C-" + UUID.randomUUID().toString().substring(0, 8),
                        VAR_MARKET,
                        market,
                        VAR_CUSTOMER_TYPE,
                        customerType,
                        VAR_LEGAL_NAME,
                        legalName));
    }

    /** With the job executor off, runs the one job the instance waits on, as the executor would. */
    private void runTheJobOf(ProcessInstance pi) {
        management.executeJob(management
                .createJobQuery()
                .processInstanceId(pi.getId())
                .singleResult()
                .getId());
    }
}
