package io.github.accountopening.process;

import static io.github.accountopening.process.AccountOpeningProcess.*;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.SuspensionState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The wake-up of an opening whose record a webhook or the sandbox moved to a terminal status: a job
 * of the opening's process instance, inserted in the transaction that changed the record, so it exists
 * exactly when that change does, and run by the job executor once that transaction commits. It takes
 * the record's row lock, then correlates {@code AccountOpeningStatusReceived} only if the instance is
 * waiting for it, and the process goes on in this same job (the record check, up to the card). A
 * process that is not waiting reads the record under the same lock before its next wait, so whichever
 * runs first, the status is acted on once. The one correlation of the message is here.
 */
class WakeUpJobHandler implements JobHandler<WakeUpJobHandler.Opening> {

    static final String TYPE = "account-opening-wake-up";
    private static final Logger log = LoggerFactory.getLogger(WakeUpJobHandler.class);

    private final ObjectProvider<AccountOpenings> openings;

    /** The records are reached lazily: this handler is registered while the engine is being built. */
    WakeUpJobHandler(ObjectProvider<AccountOpenings> openings) {
        this.openings = openings;
    }

    /** The opening to wake, by request id (the business key). */
    record Opening(String requestId) implements JobHandlerConfiguration {
        @Override
        public String toCanonicalString() {
            return requestId;
        }
    }

    /** Inserts the wake-up job of the instance in the current transaction; an instance that has ended has nothing to wake. */
    static void schedule(CommandContext commandContext, String processInstanceId, String requestId) {
        ExecutionEntity instance = commandContext.getExecutionManager().findExecutionById(processInstanceId);
        if (instance == null) {
            return;
        }
        MessageEntity job = new MessageEntity();
        job.setJobHandlerType(TYPE);
        job.setJobHandlerConfiguration(new Opening(requestId));
        // The instance's own execution: the job shows (and fails, as an incident) on the instance in Cockpit,
        // is exclusive with the instance's other jobs, and goes when the instance ends.
        job.setExecutionId(instance.getId());
        job.setProcessInstanceId(instance.getProcessInstanceId());
        job.setRootProcessInstanceId(instance.getRootProcessInstanceId());
        job.setProcessDefinitionId(instance.getProcessDefinitionId());
        job.setProcessDefinitionKey(definitionKey(commandContext, instance));
        job.setTenantId(instance.getTenantId());
        if (instance.isSuspended()) {
            job.setSuspensionState(SuspensionState.SUSPENDED.getStateCode());
        }
        commandContext.getJobManager().send(job);
    }

    /**
     * From the engine's deployment cache, where a running definition normally is: asking the instance
     * would read the definition's row again in every acknowledgement, only to find it in that cache.
     */
    private static String definitionKey(CommandContext commandContext, ExecutionEntity instance) {
        ProcessDefinitionEntity cached = commandContext
                .getProcessEngineConfiguration()
                .getDeploymentCache()
                .findProcessDefinitionFromCache(instance.getProcessDefinitionId());
        return cached != null
                ? cached.getKey()
                : instance.getProcessDefinition().getKey();
    }

    @Override
    public String getType() {
        return TYPE;
    }

    @Override
    public void execute(Opening target, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
        AccountOpening opening = openings.getObject().lock(target.requestId());
        RuntimeService runtime = commandContext.getProcessEngineConfiguration().getRuntimeService();
        // Narrowed to the opening's own instance first, so neither look-up scans other instances' variables.
        boolean waiting = runtime.createEventSubscriptionQuery()
                        .processInstanceId(opening.getProcessInstanceId())
                        .eventType("message")
                        .eventName(MESSAGE_STATUS_RECEIVED)
                        .count()
                > 0;
        if (!waiting) {
            log.debug("Opening {} is not waiting: its next record check finds the status", target.requestId());
            return;
        }
        runtime.createMessageCorrelation(MESSAGE_STATUS_RECEIVED)
                .processInstanceId(opening.getProcessInstanceId())
                .processInstanceVariableEquals(VAR_TRACKING_ID, opening.getTrackingId())
                .correlateWithResult();
    }

    @Override
    public Opening newConfiguration(String canonicalString) {
        return new Opening(canonicalString);
    }

    @Override
    public void onDelete(Opening configuration, JobEntity jobEntity) {
        // nothing kept beside the job
    }
}
