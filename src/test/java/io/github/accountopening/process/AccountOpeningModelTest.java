package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;
import static io.github.accountopening.process.ModelElements.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.camunda.bpm.engine.test.mock.MockExpressionManager;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The model alone: every delegate and listener replaced by a mock, the decision table real, on an
 * in-memory engine of its own. One test per path of the picture, in milliseconds; the process tests
 * beside it drive the same paths through the real application.
 */
@Deployment(
        resources = {"bpmn/account-opening.bpmn", "dmn/account-opening-mode.dmn", "bpmn/account-opening-resolution.form"
        })
class AccountOpeningModelTest {

    @RegisterExtension
    static ProcessEngineExtension extension =
            ProcessEngineExtension.builder().useProcessEngine(modelEngine()).build();

    private static final Duration POLLING_INTERVAL = Duration.ofMinutes(30);
    private static final Duration GIVE_UP_AFTER = Duration.ofHours(12);

    ProcessEngine engine;

    /** What the record says when the process reads it; the tests change it as the provider would. */
    private String recordStatus = "IN_PROGRESS";

    private String ticketKey;

    private final JavaDelegate createAccountRecord = mock(JavaDelegate.class);
    private final JavaDelegate openAccountLegacy = mock(JavaDelegate.class);
    private final JavaDelegate requestProviderAccount = mock(JavaDelegate.class);
    private final JavaDelegate checkAccountStatus = mock(JavaDelegate.class);
    private final JavaDelegate pollProvider = mock(JavaDelegate.class);
    private final JavaDelegate openOpsTicket = mock(JavaDelegate.class);
    private final JavaDelegate commentTicket = mock(JavaDelegate.class);
    private final JavaDelegate applyOpsResolution = mock(JavaDelegate.class);
    private final JavaDelegate issueVirtualCard = mock(JavaDelegate.class);

    private static ProcessEngine modelEngine() {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:account-opening-model;DB_CLOSE_DELAY=1000");
        configuration.setExpressionManager(new MockExpressionManager());
        configuration.setJobExecutorActivate(false);
        configuration.setHistory("full");
        configuration.setProcessEngineName("model");
        return configuration.buildProcessEngine();
    }

    @BeforeEach
    void mocks() throws Exception {
        AbstractAssertions.init(engine);
        Mocks.register("validateStart", mock(ExecutionListener.class));
        Mocks.register("lockAccountRecord", mock(ExecutionListener.class));
        Mocks.register("prepareOpsTask", mock(ExecutionListener.class));
        Mocks.register("describeOpsTask", mock(TaskListener.class));
        PollingSchedule schedule = mock(PollingSchedule.class);
        when(schedule.getPollingInterval()).thenReturn(POLLING_INTERVAL.toString());
        when(schedule.getPollingCycle()).thenReturn("R/" + POLLING_INTERVAL);
        Mocks.register("pollingSchedule", schedule);
        Mocks.register("decideMode", new DecideModeDelegate(engine.getDecisionService()));
        Mocks.register("createAccountRecord", createAccountRecord);
        Mocks.register("openAccountLegacy", openAccountLegacy);
        Mocks.register("requestProviderAccount", requestProviderAccount);
        Mocks.register("checkAccountStatus", checkAccountStatus);
        Mocks.register("pollProvider", pollProvider);
        Mocks.register("openOpsTicket", openOpsTicket);
        Mocks.register("commentTicket", commentTicket);
        Mocks.register("applyOpsResolution", applyOpsResolution);
        Mocks.register("issueVirtualCard", issueVirtualCard);

        doAnswer(call -> {
                    DelegateExecution execution = call.getArgument(0);
                    execution.setVariable(VAR_TRACKING_ID, "trk-" + execution.getProcessBusinessKey());
                    execution.setVariable(
                            VAR_GIVE_UP_AT, new Date(ClockUtil.getCurrentTime().getTime() + GIVE_UP_AFTER.toMillis()));
                    return null;
                })
                .when(requestProviderAccount)
                .execute(any());
        doAnswer(call -> {
                    DelegateExecution execution = call.getArgument(0);
                    execution.setVariable(VAR_STATUS, recordStatus);
                    execution.setVariable(VAR_TICKET_KEY, ticketKey);
                    execution.setVariable(
                            VAR_TICKET_TO_CLOSE, ticketKey != null && !"IN_PROGRESS".equals(recordStatus));
                    Date giveUpAt = (Date) execution.getVariable(VAR_GIVE_UP_AT);
                    execution.setVariable(
                            VAR_ESCALATION_DUE,
                            "IN_PROGRESS".equals(recordStatus)
                                    && !ClockUtil.getCurrentTime().before(giveUpAt));
                    return null;
                })
                .when(checkAccountStatus)
                .execute(any());
        doAnswer(call -> {
                    ((DelegateExecution) call.getArgument(0)).setVariable(VAR_STATUS, recordStatus);
                    return null;
                })
                .when(pollProvider)
                .execute(any());
        doAnswer(call -> {
                    ((DelegateExecution) call.getArgument(0)).setVariable(VAR_STATUS, recordStatus);
                    return null;
                })
                .when(openAccountLegacy)
                .execute(any());
        doAnswer(call -> {
                    ticketKey = "OPS-1";
                    return null;
                })
                .when(openOpsTicket)
                .execute(any());
    }

    @AfterEach
    void reset() {
        Mocks.reset();
        ClockUtil.reset();
        AbstractAssertions.reset();
    }

    @Test
    void syncMarketOpensTheAccountAtOnceAndIssuesTheCard() throws Exception {
        recordStatus = "COMPLETED";
        ProcessInstance pi = start("DE");

        assertThat(pi).hasPassed(TASK_DECIDE_MODE, TASK_CREATE_RECORD).isWaitingAt(TASK_OPEN_ACCOUNT_LEGACY);
        assertThat(pi).variables().containsEntry(VAR_MODE, "SYNC");
        runJobs();

        assertThat(pi).hasPassed(TASK_ISSUE_CARD).isEnded().hasPassed(END_ACCOUNT_OPENED);
        verify(requestProviderAccount, never()).execute(any());
        verify(issueVirtualCard).execute(any());
    }

    @Test
    void syncRejectionEndsWithoutACard() throws Exception {
        recordStatus = "REJECTED";
        ProcessInstance pi = start("FR");
        runJobs();

        assertThat(pi).isEnded().hasPassed(END_OPENING_REJECTED);
        verify(issueVirtualCard, never()).execute(any());
    }

    @Test
    void asyncMarketWaitsForTheStatusAndFinishesWhenItComes() throws Exception {
        ProcessInstance pi = start("NL");
        assertThat(pi).variables().containsEntry(VAR_MODE, "ASYNC");
        runJobs();
        assertThat(pi).isWaitingAt(TASK_AWAIT_STATUS);

        recordStatus = "COMPLETED";
        wakeUp(pi);

        assertThat(pi).isEnded().hasPassed(TASK_ISSUE_CARD, END_ACCOUNT_OPENED).hasNotPassed(TASK_POLL_PROVIDER);
        verify(checkAccountStatus, times(2)).execute(any());
    }

    @Test
    void noStatusComesSoThePollFindsIt() throws Exception {
        ProcessInstance pi = start("BE");
        runJobs();

        recordStatus = "REJECTED";
        fireTimer(pi, TIMER_POLL);

        assertThat(pi).hasPassed(TASK_POLL_PROVIDER).isEnded().hasPassed(END_OPENING_REJECTED);
    }

    @Test
    void stillPendingAfterAPollItWaitsAgain() throws Exception {
        ProcessInstance pi = start("NL");
        runJobs();

        fireTimer(pi, TIMER_POLL);

        assertThat(pi).hasPassed(TASK_POLL_PROVIDER).isWaitingAt(TASK_AWAIT_STATUS);
        verify(openOpsTicket, never()).execute(any());
    }

    @Test
    void pastGiveUpOpsGetATicketAndATaskAndTheirRejectionEndsIt() throws Exception {
        ProcessInstance pi = escalated();

        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING);
        assertThat(task(pi)).hasCandidateGroup(OPS_GROUP);
        verify(openOpsTicket).execute(any());

        doAnswer(call -> {
                    recordStatus = "REJECTED";
                    return null;
                })
                .when(applyOpsResolution)
                .execute(any());
        complete(task(pi), withVariables(VAR_RESOLUTION, "REJECT"));
        runJobs();

        assertThat(pi)
                .hasPassed(TASK_APPLY_RESOLUTION, TASK_COMMENT_TICKET)
                .isEnded()
                .hasPassed(END_OPENING_REJECTED);
    }

    @Test
    void opsAskForOneMorePollingWindow() throws Exception {
        ProcessInstance pi = escalated();
        doAnswer(call -> {
                    ((DelegateExecution) call.getArgument(0))
                            .setVariable(
                                    VAR_GIVE_UP_AT,
                                    new Date(ClockUtil.getCurrentTime().getTime() + GIVE_UP_AFTER.toMillis()));
                    return null;
                })
                .when(applyOpsResolution)
                .execute(any());

        complete(task(pi), withVariables(VAR_RESOLUTION, "RETRY"));
        runJobs();

        assertThat(pi).hasPassed(TASK_APPLY_RESOLUTION).isWaitingAt(TASK_AWAIT_STATUS);
    }

    @Test
    void aLateStatusStillFinishesTheEscalatedOpeningAndClosesTheTicket() throws Exception {
        ProcessInstance pi = escalated();

        recordStatus = "COMPLETED";
        wakeUp(pi);

        assertThat(pi)
                .hasPassed(EVENT_LATE_STATUS, TASK_COMMENT_TICKET, TASK_ISSUE_CARD)
                .isEnded()
                .hasNotPassed(TASK_APPLY_RESOLUTION);
        verify(issueVirtualCard).execute(any());
    }

    @Test
    void aPollWhileEscalatedFindsTheStatus() throws Exception {
        ProcessInstance pi = escalated();

        recordStatus = "COMPLETED";
        fireTimer(pi, TIMER_POLL_WHILE_ESCALATED);

        assertThat(pi).hasPassed(TASK_POLL_WHILE_ESCALATED, TASK_ISSUE_CARD).isEnded();
    }

    @Test
    void aJiraThatFailsHoldsUpNothing() throws Exception {
        doAnswer(call -> {
                    throw new IllegalStateException("Jira answers 401");
                })
                .when(openOpsTicket)
                .execute(any());
        ProcessInstance pi = escalated();
        assertThat(pi).isWaitingAt(TASK_OPEN_TICKET, TASK_RESOLVE_OPENING);

        recordStatus = "COMPLETED";
        wakeUp(pi);

        assertThat(pi).hasPassed(TASK_ISSUE_CARD).isEnded().hasNotPassed(TASK_COMMENT_TICKET);
    }

    private ProcessInstance start(String market) {
        return engine.getRuntimeService()
                .startProcessInstanceByKey(
                        KEY,
                        "req-" + UUID.randomUUID(),
                        Variables.createVariables()
                                .putValue(VAR_CUSTOMER_ID, "C-1")
                                .putValue(VAR_MARKET, market)
                                .putValue(VAR_CUSTOMER_TYPE, "COMPANY")
                                .putValue(VAR_LEGAL_NAME, "Model B.V."));
    }

    /** Waiting long past the give-up moment, the next poll escalates. */
    private ProcessInstance escalated() throws Exception {
        ProcessInstance pi = start("NL");
        runJobs();
        ClockUtil.setCurrentTime(new Date(ClockUtil.getCurrentTime().getTime() + GIVE_UP_AFTER.toMillis()));
        fireTimer(pi, TIMER_POLL);
        assertThat(pi).isWaitingAt(TASK_RESOLVE_OPENING);
        return pi;
    }

    /** What the webhook's path does once the record has changed: the message, then whatever it left to run. */
    private void wakeUp(ProcessInstance pi) {
        engine.getRuntimeService()
                .createMessageCorrelation(MESSAGE_STATUS_RECEIVED)
                .processInstanceId(pi.getId())
                .correlate();
        runJobs();
    }

    private void fireTimer(ProcessInstance pi, String boundaryEvent) {
        Job timer = engine.getManagementService()
                .createJobQuery()
                .processInstanceId(pi.getId())
                .timers()
                .activityId(boundaryEvent)
                .singleResult();
        assertThat(timer).as("timer of " + boundaryEvent).isNotNull();
        engine.getManagementService().executeJob(timer.getId());
        runJobs();
    }

    /** Runs every due job that is no timer, as the job executor would; a failing one stays failed. */
    private void runJobs() {
        List<Job> due;
        while (!(due = engine.getManagementService()
                        .createJobQuery()
                        .messages()
                        .withRetriesLeft()
                        .list())
                .isEmpty()) {
            for (Job job : due) {
                try {
                    engine.getManagementService().executeJob(job.getId());
                } catch (RuntimeException failed) {
                    engine.getManagementService().setJobRetries(job.getId(), 0);
                }
            }
        }
    }
}
