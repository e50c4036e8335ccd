package io.github.accountopening.bench;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.StatusListener;
import io.github.accountopening.account.StatusReport;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The alternative the benchmark measures beside the wake-up job ({@code bench.wake-up=in-transaction}):
 * the message correlated in the webhook's own transaction, under the row lock, so the process carries
 * on there up to its card job before the webhook is answered. A conflict with the process moving at
 * the same moment goes back to the ingestion, which retries the whole transaction.
 */
@Component
@Primary
@ConditionalOnProperty(name = "bench.wake-up", havingValue = "in-transaction")
class InTransactionWakeUp implements StatusListener {

    private final RuntimeService runtime;
    private final StatusListener application;

    InTransactionWakeUp(RuntimeService runtime, @Qualifier("processStatusListener") StatusListener application) {
        this.runtime = runtime;
        this.application = application;
    }

    @Override
    public void terminalStatusReached(AccountOpening opening) {
        if (opening.getProcessInstanceId() == null) {
            return;
        }
        boolean waiting = runtime.createEventSubscriptionQuery()
                        .processInstanceId(opening.getProcessInstanceId())
                        .eventType("message")
                        .eventName("AccountOpeningStatusReceived")
                        .count()
                > 0;
        if (!waiting) {
            return;
        }
        try {
            runtime.createMessageCorrelation("AccountOpeningStatusReceived")
                    .processInstanceId(opening.getProcessInstanceId())
                    .processInstanceVariableEquals("trackingId", opening.getTrackingId())
                    .correlateWithResult();
        } catch (OptimisticLockingException | MismatchingMessageCorrelationException e) {
            throw new OptimisticLockingFailureException(e.getMessage(), e);
        }
    }

    @Override
    public void contradictionReported(AccountOpening opening, StatusReport report) {
        application.contradictionReported(opening, report);
    }
}
