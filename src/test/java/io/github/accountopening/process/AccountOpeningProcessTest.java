package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;
import static io.github.accountopening.process.ModelElements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.AccountStatus;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.account.EventOutcome;
import io.github.accountopening.account.ProviderStatus;
import io.github.accountopening.account.StatusReport;
import io.github.accountopening.process.engine.OrphanWatch;
import io.github.accountopening.simulator.CardPlatformSimulator;
import io.github.accountopening.simulator.JiraSimulator;
import io.github.accountopening.simulator.JiraSimulatorProperties;
import io.github.accountopening.simulator.NexusBankSimulator;
import io.github.accountopening.support.ProcessTest;
import io.github.accountopening.ticket.OpsTickets;
import io.github.accountopening.webhook.DuplicateShield;
import io.github.accountopening.webhook.IngestOutcome;
import io.github.accountopening.webhook.StatusIngestion;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every path of the model, one job at a time, with time moved by ClockUtil instead of waited for, and the
 * wake-up job run before, during and after the process reaches its wait.
 */
@ProcessTest
public class AccountOpeningProcessTest {

    static final Duration POLLING_INTERVAL = Duration.ofMinutes(30);
    static final Duration SEARCH_DELAY = Duration.ofSeconds(2);

    @Autowired
    ProcessEngine engine;

    @Autowired
    RuntimeService runtime;

    @Autowired
    TaskService tasks;

    @Autowired
    AccountOpenings openings;

    @Autowired
    StatusIngestion ingestion;

    @Autowired
    NexusBankSimulator nexusBank;

    @Autowired
    CardPlatformSimulator cards;

    @Autowired
    JiraSimulator jira;

    @Autowired
    DuplicateShield shield;

    @Autowired
    OpsTickets tickets;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    OrphanWatch orphans;

    @Autowired
    MeterRegistry meters;

    @Autowired
    ManagementService management;

    @Autowired
    PlatformTransactionManager transactions;

    @BeforeEach
    void initAssertions() {
        AbstractAssertions.init(engine);
    }

    @AfterEach
    void resetClockAndJira() {
        ClockUtil.reset();
        AbstractAssertions.reset();
        jira.failWith(null);
        jira.setSearchDelay(SEARCH_DELAY);
    }

    @Test
    void asyncOpeningWaitsForTheWebhookThenIssuesTheCard() {
        ProcessInstance pi = start("NL", "COMPANY", "Acme B.V. [no-webhook]");
        String requestId = pi.getBusinessKey();

        AccountOpening anchor = openings.get(requestId);
        assertThat(anchor.getStatus()).isEqualTo(AccountStatus.IN_PROGRESS);
        assertThat(anchor.getIban()).isNull();
        assertThat(anchor.getBic()).isNull();
        assertThat(nexusBank.openingForRequest(requestId))
                .as("no provider call inside the start")
                .isNull();
        assertThat(pi).isWaitingAt(TASK_REQUEST_PROVIDER_ACCOUNT);

        execute(job(pi));
        String trackingId = openings.get(requestId).getTrackingId();
        assertThat(trackingId).isEqualTo(nexusBank.openingForRequest(requestId).trackingId());
        assertThat(pi).isWaitingAt(TASK_AWAIT_STATUS).variables().containsEntry(VAR_TRACKING_ID, trackingId);

        BankAccount account = BankAccount.madeUpFor("NL");
        assertThat(deliver(requestId, trackingId, ProviderStatus.COMPLETED, account))
                .isEqualTo(IngestOutcome.APPLIED);
        assertThat(openings.get(requestId).getStatus())
                .as("the record changed with the webhook")
                .isEqualTo(AccountStatus.COMPLETED);
        assertThat(pi).as("answered before the engine moves").isWaitingAt(TASK_AWAIT_STATUS);

        execute(wakeUp(pi)); // correlates, then reads the record under its lock
        assertThat(runtime.createEventSubscriptionQuery()
                        .processInstanceId(pi.getId())
                        .count())
                .as("woken")
                .isZero();
        assertThat(pi).hasPassed(TASK_AWAIT_STATUS).isWaitingAt(TASK_ISSUE_CARD);

        execute(job(pi));
        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED);
        AccountOpening opened = openings.get(requestId);
        assertThat(opened.getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(opened.getIban()).isEqualTo(account.iban());
        assertThat(opened.getBic()).isEqualTo(account.bic());
        assertThat(opened.getCardId()).startsWith("card-");
        assertThat(cards.cardsIssuedTo(opened.getCustomerId())).isEqualTo(1);
    }

    @Test
    void syncOpeningForAMarketTheTableSendsThere() {
        ProcessInstance pi = start("DE", "FREELANCER", "Hans Muster");

        assertThat(pi).hasPassed(TASK_DECIDE_MODE).variables().containsEntry(VAR_MODE, "SYNC");
        assertThat(pi).isWaitingAt(TASK_OPEN_ACCOUNT_LEGACY);
        execute(job(pi));
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD);
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED).hasNotPassed(TASK_REQUEST_PROVIDER_ACCOUNT);
        AccountOpening opened = openings.get(pi.getBusinessKey());
        assertThat(opened.getMode().name()).isEqualTo("SYNC");
        assertThat(opened.getIban()).startsWith("DE");
        assertThat(opened.getCardId()).isNotNull();
    }

    @Test
    void syncRejectionEndsWithoutACard() {
        ProcessInstance pi = start("FR", "COMPANY", "Refused SARL [reject]");

        execute(job(pi));

        assertThat(pi).isEnded().hasPassed(END_OPENING_REJECTED).hasNotPassed(TASK_ISSUE_CARD);
        AccountOpening rejected = openings.get(pi.getBusinessKey());
        assertThat(rejected.getStatus()).isEqualTo(AccountStatus.REJECTED);
        assertThat(rejected.getRejectionReason()).contains("KYC");
        assertThat(rejected.getCardId()).isNull();
    }

    @Test
    void asyncRejectionByWebhookEndsWithoutACard() {
        ProcessInstance pi = start("BE", "FREELANCER", "Jan Peeters [no-webhook]");
        execute(job(pi));

        deliver(pi.getBusinessKey(), trackingIdOf(pi), ProviderStatus.REJECTED, null);
        execute(wakeUp(pi));

        assertThat(pi).isEnded().hasPassed(END_OPENING_REJECTED).hasNotPassed(TASK_ISSUE_CARD);
        assertThat(openings.get(pi.getBusinessKey()).getRejectionReason()).isEqualTo("refused by the test");
    }

    @Test
    void webhookBeforeTheTrackingIdIsStoredIsNotLost() {
        ProcessInstance pi = start("NL", "COMPANY", "Early Bird B.V. [no-webhook]");

        // The provider's webhook overtakes its own answer: only the reference (our request id) matches.
        assertThat(deliver(pi.getBusinessKey(), null, ProviderStatus.COMPLETED, BankAccount.madeUpFor("NL")))
                .isEqualTo(IngestOutcome.APPLIED);
        execute(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi));
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD).hasNotPassed(TASK_AWAIT_STATUS);
        execute(wakeUp(pi)); // finds nothing waiting: the record check before the wait already saw the status

        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD).hasNotPassed(TASK_AWAIT_STATUS);
        assertThat(openings.events(pi.getBusinessKey()))
                .extracting(e -> e.getSource() + " " + e.getStatus() + " " + e.getOutcome())
                .containsExactly("WEBHOOK COMPLETED APPLIED", "PROVIDER INITIATED STALE");
    }

    @Test
    void pollFindsTheStatusNoWebhookBrought() {
        ProcessInstance pi = start("NL", "COMPANY", "Quiet B.V. [no-webhook]");
        execute(job(pi));
        awaitProviderStatus(pi, "COMPLETED");

        movePastPollingInterval();
        execute(job(TIMER_POLL, pi));
        assertThat(pi).isWaitingAt(TASK_POLL_PROVIDER);
        execute(job(pi));

        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD);
        assertThat(openings.events(pi.getBusinessKey()))
                .extracting(e -> e.getSource() + " " + e.getStatus() + " " + e.getOutcome())
                .contains("POLL COMPLETED APPLIED");
        assertThat(openings.get(pi.getBusinessKey()).getIban())
                .isEqualTo(nexusBank
                        .openingForRequest(pi.getBusinessKey())
                        .account()
                        .iban());
    }

    @Test
    void pendingPollWaitsAgainUntilTheGiveUpTime() {
        ProcessInstance pi = start("NL", "COMPANY", "Slow B.V. [stuck]");
        execute(job(pi));
        awaitProviderStatus(pi, "IN_PROGRESS");

        movePastPollingInterval();
        execute(job(TIMER_POLL, pi));
        execute(job(pi));

        assertThat(pi)
                .isWaitingAt(TASK_AWAIT_STATUS)
                .hasPassed(TASK_POLL_PROVIDER)
                .hasNotPassed(TASK_OPEN_TICKET);
        assertThat(openings.get(pi.getBusinessKey()).getProviderStatus()).isEqualTo(ProviderStatus.IN_PROGRESS);
    }

    @Test
    void escalatesOnceAfterTwelveHoursAndOpsEntersTheAccountByHand() {
        ProcessInstance pi = escalated("Stuck Manual B.V. [stuck]");
        String requestId = pi.getBusinessKey();

        AccountOpening opening = openings.get(requestId);
        assertThat(opening.getTicketKey()).isNotNull();
        var ticket = jira.withLabel(OpsTickets.requestLabel(requestId));
        assertThat(ticket).hasSize(1);
        assertThat(ticket.get(0).key()).isEqualTo(opening.getTicketKey());
        assertThat(ticket.get(0).labels()).contains(OpsTickets.LABEL);
        assertThat(ticket.get(0).summary()).isEqualTo("AccountOpeningWebhookNotReceived: " + requestId);
        assertThat(ticket.get(0).description())
                .contains("/camunda/app/cockpit/default/#/process-instance/" + pi.getId() + "/runtime");

        Task task = task(TASK_RESOLVE_OPENING, pi);
        assertThat(task).hasCandidateGroup(OPS_GROUP);
        assertThatThrownBy(() -> tasks.complete(
                        task.getId(),
                        Map.of(VAR_RESOLUTION, "MANUAL", VAR_IBAN, "NL00ABNA0417164300", VAR_BIC, "ABNANL2A")))
                .hasMessageContaining("iban");
        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING);

        tasks.complete(
                task.getId(), Map.of(VAR_RESOLUTION, "MANUAL", VAR_IBAN, "NL91ABNA0417164300", VAR_BIC, "ABNANL2A"));
        assertThat(pi).isWaitingAt(TASK_COMMENT_TICKET, TASK_ISSUE_CARD);
        execute(job(TASK_ISSUE_CARD, pi));
        execute(job(TASK_COMMENT_TICKET, pi));

        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED);
        AccountOpening opened = openings.get(requestId);
        assertThat(opened.getIban()).isEqualTo("NL91ABNA0417164300");
        assertThat(opened.getCardId()).isNotNull();
        assertThat(jira.withLabel(OpsTickets.requestLabel(requestId)).get(0).comments())
                .singleElement()
                .asString()
                .contains("completed with IBAN NL91ABNA0417164300");
        assertThat(openings.events(requestId))
                .extracting(e -> e.getSource() + " " + e.getStatus() + " " + e.getOutcome())
                .contains("OPS COMPLETED APPLIED");
    }

    @Test
    void opsRejects() {
        ProcessInstance pi = escalated("Stuck Reject B.V. [stuck]");

        tasks.complete(task(TASK_RESOLVE_OPENING, pi).getId(), Map.of(VAR_RESOLUTION, "REJECT"));
        execute(job(pi));

        assertThat(pi).isEnded().hasPassed(END_OPENING_REJECTED, END_TICKET_CLOSED);
        assertThat(openings.get(pi.getBusinessKey()).getRejectionReason()).isEqualTo("rejected by ops");
    }

    @Test
    void opsRetryGivesOneMorePollingWindowAndKeepsTheOneTicket() {
        ProcessInstance pi = escalated("Stuck Retry B.V. [stuck]");
        String ticketKey = openings.get(pi.getBusinessKey()).getTicketKey();

        tasks.complete(task(TASK_RESOLVE_OPENING, pi).getId(), Map.of(VAR_RESOLUTION, "RETRY"));
        assertThat(pi).isWaitingAt(TASK_AWAIT_STATUS);

        pollUntilEscalated(pi);
        execute(job(TASK_OPEN_TICKET, pi));

        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING);
        assertThat(openings.get(pi.getBusinessKey()).getTicketKey()).isEqualTo(ticketKey);
        assertThat(jira.withLabel(OpsTickets.requestLabel(pi.getBusinessKey()))).hasSize(1);
    }

    @Test
    void lateWebhookAfterEscalationStillFinishesTheOpening() {
        ProcessInstance pi = escalated("Stuck Late B.V. [stuck]");

        deliver(pi.getBusinessKey(), trackingIdOf(pi), ProviderStatus.COMPLETED, BankAccount.madeUpFor("NL"));
        execute(wakeUp(pi));

        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count())
                .as("ops task removed")
                .isZero();
        assertThat(pi).isWaitingAt(TASK_COMMENT_TICKET, TASK_ISSUE_CARD).hasPassed(EVENT_LATE_STATUS);
        execute(job(TASK_ISSUE_CARD, pi));
        execute(job(TASK_COMMENT_TICKET, pi));
        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED, END_TICKET_CLOSED);
        assertThat(jira.withLabel(OpsTickets.requestLabel(pi.getBusinessKey()))
                        .get(0)
                        .comments())
                .singleElement()
                .asString()
                .contains("completed with IBAN");
    }

    @Test
    void pollWhileEscalatedFindsALateStatus() {
        ProcessInstance pi = escalated("Stuck Polled B.V. [stuck]");
        nexusBank.settle(trackingIdOf(pi), Map.of("status", "REJECTED"));

        movePastPollingInterval();
        execute(job(TIMER_POLL_WHILE_ESCALATED, pi));
        execute(job(TASK_POLL_WHILE_ESCALATED, pi));

        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count())
                .isZero();
        assertThat(pi).isWaitingAt(TASK_COMMENT_TICKET);
        execute(job(pi));
        assertThat(pi).isEnded().hasPassed(END_OPENING_REJECTED);
    }

    @Test
    void pollWhileEscalatedStillPendingLeavesTheTaskOpen() {
        ProcessInstance pi = escalated("Stuck Pending B.V. [stuck]");

        movePastPollingInterval();
        execute(job(TIMER_POLL_WHILE_ESCALATED, pi));
        execute(job(TASK_POLL_WHILE_ESCALATED, pi));

        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING).hasPassed(TASK_POLL_WHILE_ESCALATED);
    }

    @Test
    void contradictingTerminalStatusChangesNothingAndAsksOps() {
        ProcessInstance pi = start("NL", "COMPANY", "Flip Flop B.V. [no-webhook]");
        execute(job(pi));
        BankAccount account = BankAccount.madeUpFor("NL");
        deliver(pi.getBusinessKey(), trackingIdOf(pi), ProviderStatus.COMPLETED, account);

        assertThat(deliver(pi.getBusinessKey(), trackingIdOf(pi), ProviderStatus.REJECTED, null))
                .isEqualTo(IngestOutcome.CONTRADICTING);

        AccountOpening opening = openings.get(pi.getBusinessKey());
        assertThat(opening.getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(opening.getIban()).isEqualTo(account.iban());
        assertThat(tasks.createTaskQuery()
                        .taskCandidateGroup(OPS_GROUP)
                        .taskNameLike("Contradicting statuses " + pi.getBusinessKey() + " · NL · %")
                        .count())
                .isEqualTo(1);
        assertThat(openings.events(pi.getBusinessKey()))
                .extracting(e -> e.getOutcome())
                .contains(EventOutcome.CONTRADICTING);
    }

    @Test
    void withTheShieldEmptiedARepeatedOrOlderStatusStillChangesNothing() {
        ProcessInstance pi = start("NL", "COMPANY", "Forgetful B.V. [no-webhook]");
        execute(job(pi));
        String requestId = pi.getBusinessKey();
        BankAccount account = BankAccount.madeUpFor("NL");
        deliver(requestId, trackingIdOf(pi), ProviderStatus.COMPLETED, account);
        execute(wakeUp(pi));

        for (ProviderStatus status : ProviderStatus.values()) {
            shield.release(DuplicateShield.key(requestId, status));
        }
        BankAccount other = BankAccount.madeUpFor("NL");
        assertThat(deliver(requestId, trackingIdOf(pi), ProviderStatus.COMPLETED, other))
                .isEqualTo(IngestOutcome.DUPLICATE);
        assertThat(deliver(requestId, trackingIdOf(pi), ProviderStatus.IN_PROGRESS, null))
                .isEqualTo(IngestOutcome.STALE);

        AccountOpening opening = openings.get(requestId);
        assertThat(opening.getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(opening.getIban()).isEqualTo(account.iban());
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD);
    }

    @Test
    void aTicketCreatedBeforeACrashIsFoundAgainNotCreatedTwice() {
        ProcessInstance pi = start("NL", "COMPANY", "Crashed B.V. [stuck]");
        String requestId = pi.getBusinessKey();
        execute(job(pi));
        awaitProviderStatus(pi, "IN_PROGRESS");
        // An earlier attempt of the ticket job created the issue, then died before storing its key.
        jira.setSearchDelay(Duration.ofHours(1));
        String earlierKey = createdButNotRecorded(requestId, pi);

        pollUntilEscalated(pi);
        if (jira.kind() == JiraSimulatorProperties.Kind.CLOUD) {
            // Jira Cloud's search does not show the new issue yet: the job waits rather than create a second one.
            assertThatThrownBy(() -> execute(job(TASK_OPEN_TICKET, pi))).hasMessageContaining("does not show it yet");
            assertThat(jira.withLabel(OpsTickets.requestLabel(requestId))).hasSize(1);
        }
        jira.setSearchDelay(Duration.ZERO);
        execute(job(TASK_OPEN_TICKET, pi));

        assertThat(openings.get(requestId).getTicketKey()).isEqualTo(earlierKey);
        assertThat(jira.withLabel(OpsTickets.requestLabel(requestId))).hasSize(1);
        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING);
    }

    @Test
    void anOpeningWhoseProcessIsGoneIsCountedAsAnOrphanUntilSomeoneFinishesIt() {
        long before = orphans.count();
        ProcessInstance pi = start("NL", "COMPANY", "Lost B.V. [no-webhook]");
        execute(job(pi));
        assertThat(orphans.count()).isEqualTo(before);

        runtime.deleteProcessInstance(pi.getId(), "broken on purpose");
        assertThat(orphans.count()).isEqualTo(before + 1);
        assertThat(orphans.health().getDetails()).containsEntry("orphanedOpenings", before + 1);

        openings.apply(StatusReport.rejectedByOps(pi.getBusinessKey(), "closed by ops"));
        assertThat(orphans.count()).isEqualTo(before);
    }

    @Test
    void aFailingJiraHoldsUpNoOpeningAndShowsWhileTheTicketIsNeeded() {
        ProcessInstance pi = start("NL", "COMPANY", "Unticketed B.V. [stuck]");
        String requestId = pi.getBusinessKey();
        execute(job(pi));
        awaitProviderStatus(pi, "IN_PROGRESS");
        jira.failWith(401); // the API token was revoked
        double failuresBefore = jiraFailures("open");

        pollUntilEscalated(pi);
        assertThat(pi).as("ops has the task whatever Jira does").isWaitingAt(TASK_OPEN_TICKET, TASK_RESOLVE_OPENING);
        String ticketJob = job(TASK_OPEN_TICKET, pi).getId();
        int attempts = 0;
        while (engine.getManagementService()
                        .createJobQuery()
                        .jobId(ticketJob)
                        .singleResult()
                        .getRetries()
                > 0) {
            assertThatThrownBy(() -> engine.getManagementService().executeJob(ticketJob))
                    .hasMessageContaining("401");
            attempts++;
        }
        Incident incident =
                runtime.createIncidentQuery().processInstanceId(pi.getId()).singleResult();
        assertThat(incident.getActivityId()).isEqualTo(TASK_OPEN_TICKET);
        assertThat(incident.getIncidentMessage()).contains("ticket of opening " + requestId, "401");
        assertThat(jiraFailures("open") - failuresBefore)
                .as("counted for alerting")
                .isEqualTo(attempts);

        deliver(requestId, trackingIdOf(pi), ProviderStatus.COMPLETED, BankAccount.madeUpFor("NL"));
        execute(wakeUp(pi));

        assertThat(runtime.createIncidentQuery().processInstanceId(pi.getId()).count())
                .as("no longer needed")
                .isZero();
        assertThat(tasks.createTaskQuery().processInstanceId(pi.getId()).count())
                .isZero();
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD).hasPassed(EVENT_LATE_STATUS);
        execute(job(pi));
        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED).hasNotPassed(TASK_COMMENT_TICKET);
        AccountOpening opened = openings.get(requestId);
        assertThat(opened.getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(opened.getCardId()).isNotNull();
        assertThat(opened.getTicketKey()).isNull();
        assertThat(jira.withLabel(OpsTickets.requestLabel(requestId))).isEmpty();
    }

    @Test
    void aTicketCreatedButNotRecordedWhenTheStatusArrivesIsFoundAndClosed() {
        ProcessInstance pi = start("NL", "COMPANY", "Half Ticketed B.V. [stuck]");
        String requestId = pi.getBusinessKey();
        execute(job(pi));
        awaitProviderStatus(pi, "IN_PROGRESS");
        pollUntilEscalated(pi);
        // The ticket job created the issue; the status interrupts the investigation before its key is stored.
        jira.setSearchDelay(Duration.ofHours(1));
        String createdKey = createdButNotRecorded(requestId, pi);

        BankAccount account = BankAccount.madeUpFor("NL");
        deliver(requestId, trackingIdOf(pi), ProviderStatus.COMPLETED, account);
        execute(wakeUp(pi));
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD, TASK_COMMENT_TICKET).hasNotPassed(END_TICKET_OPENED);
        execute(job(TASK_ISSUE_CARD, pi));
        assertThat(openings.get(requestId).getCardId())
                .as("the card does not wait for Jira")
                .isNotNull();

        if (jira.kind() == JiraSimulatorProperties.Kind.CLOUD) {
            assertThatThrownBy(() -> execute(job(TASK_COMMENT_TICKET, pi)))
                    .hasMessageContaining("does not show it yet");
        }
        jira.setSearchDelay(Duration.ZERO);
        execute(job(TASK_COMMENT_TICKET, pi));

        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED, END_TICKET_CLOSED);
        assertThat(openings.get(requestId).getTicketKey()).isEqualTo(createdKey);
        assertThat(jira.withLabel(OpsTickets.requestLabel(requestId)))
                .singleElement()
                .satisfies(t -> assertThat(t.comments())
                        .singleElement()
                        .asString()
                        .contains("completed with IBAN " + account.iban()));
    }

    /** Opens the ticket as the job would, then forgets its key as a crash before storing it would. */
    private String createdButNotRecorded(String requestId, ProcessInstance pi) {
        String key = tickets.open(requestId, pi.getId());
        jdbc.update(
                "update account_opening set ticket_key = null, ticket_requested_at = ? where request_id = ?",
                java.sql.Timestamp.from(java.time.Instant.now()),
                requestId);
        return key;
    }

    private double jiraFailures(String operation) {
        return meters.counter("account.opening.jira.failures", "operation", operation)
                .count();
    }

    // The wake-up job against every point the process can be at when a terminal webhook lands: before the
    // process asked the provider, while its record check holds the row lock, waiting, and overtaken by a
    // poll. Whatever the order, the opening ends once, with one card.

    @Test
    void aTrackingIdArrivingAfterATerminalStatusIsStillRecorded() {
        ProcessInstance pi = start("NL", "COMPANY", "Sandboxed B.V. [no-webhook]");
        String requestId = pi.getBusinessKey();
        BankAccount account = BankAccount.madeUpFor("NL");

        // The sandbox (or any report without a tracking id) finishes the record before NexusBank's reply is recorded.
        assertThat(ingestion.ingest(StatusReport.sandbox(
                        requestId, null, ProviderStatus.COMPLETED, account, null, "sandbox_" + UUID.randomUUID())))
                .isEqualTo(IngestOutcome.APPLIED);
        assertThat(openings.get(requestId).getTrackingId()).isNull();
        execute(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi));

        AccountOpening record = openings.get(requestId);
        assertThat(record.getTrackingId())
                .as("the reply is stale, its tracking id a fact")
                .isEqualTo(nexusBank.openingForRequest(requestId).trackingId());
        assertThat(record.getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(record.getIban()).isEqualTo(account.iban());
        assertThat(openings.events(requestId))
                .extracting(e -> e.getSource() + " " + e.getStatus() + " " + e.getOutcome())
                .containsExactly("SANDBOX COMPLETED APPLIED", "PROVIDER INITIATED STALE");
    }

    @Test
    void aWakeUpRunBeforeTheProcessAskedTheProviderFindsNothingWaitingAndTheRecordCheckActsOnTheStatus() {
        ProcessInstance pi = start("NL", "COMPANY", "Before B.V. [no-webhook]");
        assertThat(deliver(pi, ProviderStatus.COMPLETED)).isEqualTo(IngestOutcome.APPLIED);
        assertThat(pi).isWaitingAt(TASK_REQUEST_PROVIDER_ACCOUNT);

        execute(wakeUp(pi));
        assertThat(pi).as("nothing to correlate yet").isWaitingAt(TASK_REQUEST_PROVIDER_ACCOUNT);

        execute(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi));
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD).hasNotPassed(TASK_AWAIT_STATUS);
        endsOnceWithOneCard(pi);
    }

    @Test
    void aWebhookLandingWhileTheRecordCheckHoldsTheLockWakesTheProcessOnceItWaits() throws Exception {
        ProcessInstance pi = start("NL", "COMPANY", "During B.V. [no-webhook]");
        AtomicReference<CompletableFuture<IngestOutcome>> webhook = new AtomicReference<>();

        // The provider request, its record check and the wait, in a transaction held open until the
        // webhook is blocked on the row lock that check took.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> {
            management.executeJob(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi).getId());
            webhook.set(CompletableFuture.supplyAsync(() -> deliver(pi, ProviderStatus.COMPLETED)));
            await().until(() -> sessionsWaitingForALock() > 0);
            assertThat(webhook.get()).as("held by the row lock").isNotDone();
        });

        assertThat(webhook.get().get(30, TimeUnit.SECONDS)).isEqualTo(IngestOutcome.APPLIED);
        assertThat(pi).as("the check saw IN_PROGRESS").isWaitingAt(TASK_AWAIT_STATUS);

        execute(wakeUp(pi));
        assertThat(pi).hasPassed(TASK_AWAIT_STATUS).isWaitingAt(TASK_ISSUE_CARD);
        endsOnceWithOneCard(pi);
    }

    @Test
    void aWakeUpRunWhileTheProcessWaitsCorrelatesAndCarriesOnToTheCard() {
        ProcessInstance pi = start("NL", "COMPANY", "After B.V. [no-webhook]");
        execute(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi));
        assertThat(pi).isWaitingAt(TASK_AWAIT_STATUS);

        assertThat(deliver(pi, ProviderStatus.COMPLETED)).isEqualTo(IngestOutcome.APPLIED);
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .as("the wake-up beside the polling timer, nothing else")
                .isEqualTo(2);

        execute(wakeUp(pi));
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .as("the card job only")
                .isEqualTo(1);
        assertThat(pi).hasPassed(TASK_AWAIT_STATUS).isWaitingAt(TASK_ISSUE_CARD);
        endsOnceWithOneCard(pi);
    }

    @Test
    void aPollThatOvertakesTheWakeUpLeavesItNothingToDo() {
        ProcessInstance pi = start("NL", "COMPANY", "Overtaken B.V. [no-webhook]");
        execute(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi));
        assertThat(deliver(pi, ProviderStatus.COMPLETED)).isEqualTo(IngestOutcome.APPLIED);

        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + POLLING_INTERVAL.toMillis() + 1000));
        execute(job(TIMER_POLL, pi));
        execute(job(TASK_POLL_PROVIDER, pi));
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD);

        execute(wakeUp(pi));
        assertThat(pi).isWaitingAt(TASK_ISSUE_CARD);
        endsOnceWithOneCard(pi);
    }

    @Test
    void aRejectionWokenWhileWaitingEndsTheProcessInsideTheWakeUpJob() {
        ProcessInstance pi = start("NL", "COMPANY", "Refused B.V. [no-webhook]");
        execute(job(TASK_REQUEST_PROVIDER_ACCOUNT, pi));
        assertThat(deliver(pi, ProviderStatus.REJECTED)).isEqualTo(IngestOutcome.APPLIED);

        execute(wakeUp(pi));

        assertThat(pi).isEnded().hasPassed(END_OPENING_REJECTED);
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .isZero();
    }

    private void endsOnceWithOneCard(ProcessInstance pi) {
        execute(job(TASK_ISSUE_CARD, pi));
        assertThat(pi).isEnded().hasPassed(END_ACCOUNT_OPENED);
        assertThat(management.createJobQuery().processInstanceId(pi.getId()).count())
                .as("no job left behind")
                .isZero();
        assertThat(engine.getHistoryService()
                        .createHistoricActivityInstanceQuery()
                        .processInstanceId(pi.getId())
                        .activityId(END_ACCOUNT_OPENED)
                        .count())
                .as("ended once")
                .isEqualTo(1);
        assertThat(openings.get(pi.getBusinessKey()).getStatus()).isEqualTo(AccountStatus.COMPLETED);
        assertThat(cards.cardsIssuedTo(openings.get(pi.getBusinessKey()).getCustomerId()))
                .isEqualTo(1);
    }

    /** Database sessions blocked by another one's lock, on H2 or PostgreSQL (the same tests run on both). */
    private long sessionsWaitingForALock() {
        String database =
                jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        return "PostgreSQL".equals(database)
                ? jdbc.queryForObject(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'", Long.class)
                : jdbc.queryForObject(
                        "select count(*) from information_schema.sessions where blocker_id is not null", Long.class);
    }

    /** A terminal webhook naming the opening by our request id, as NexusBank's reference does. */
    private IngestOutcome deliver(ProcessInstance pi, ProviderStatus status) {
        BankAccount account = status == ProviderStatus.COMPLETED ? BankAccount.madeUpFor("NL") : null;
        return deliver(pi.getBusinessKey(), null, status, account);
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

    private IngestOutcome deliver(String requestId, String trackingId, ProviderStatus status, BankAccount account) {
        String reason = status == ProviderStatus.REJECTED ? "refused by the test" : null;
        return ingestion.ingest(
                StatusReport.webhook(requestId, trackingId, status, account, reason, "msg_" + UUID.randomUUID()));
    }

    /** The wake-up job a webhook left for the instance. */
    private static Job wakeUp(ProcessInstance pi) {
        return managementService().createJobQuery().processInstanceId(pi.getId()).messages().list().stream()
                .filter(job -> ((JobEntity) job).getJobHandlerType().equals(WakeUpJobHandler.TYPE))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one wake-up job for " + pi.getId());
                })
                .orElseThrow(() -> new AssertionError("no wake-up job for " + pi.getId()));
    }

    private String trackingIdOf(ProcessInstance pi) {
        return openings.get(pi.getBusinessKey()).getTrackingId();
    }

    private void awaitProviderStatus(ProcessInstance pi, String status) {
        await().until(() ->
                nexusBank.openingForRequest(pi.getBusinessKey()).status().equals(status));
    }

    private static void movePastPollingInterval() {
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + POLLING_INTERVAL.toMillis() + 1000));
    }

    /** Starts a [stuck] opening and polls it every 30 minutes until the 12 hours are over and ops has the task. */
    private ProcessInstance escalated(String legalName) {
        ProcessInstance pi = start("NL", "COMPANY", legalName);
        execute(job(pi));
        awaitProviderStatus(pi, "IN_PROGRESS");
        pollUntilEscalated(pi);
        execute(job(TASK_OPEN_TICKET, pi));
        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING).hasPassed(TASK_OPEN_TICKET, END_TICKET_OPENED);
        return pi;
    }

    private void pollUntilEscalated(ProcessInstance pi) {
        Date start = ClockUtil.getCurrentTime();
        int polls = 0;
        while (!runtime.getActiveActivityIds(pi.getId()).contains(TASK_OPEN_TICKET)) {
            movePastPollingInterval();
            execute(job(TIMER_POLL, pi));
            execute(job(TASK_POLL_PROVIDER, pi));
            polls++;
            assertThat(polls).as("escalation within 12 hours of polling").isLessThanOrEqualTo(24);
        }
        assertThat(ClockUtil.getCurrentTime().getTime() - start.getTime())
                .isGreaterThanOrEqualTo(Duration.ofHours(12).toMillis() - POLLING_INTERVAL.toMillis());
    }
}
