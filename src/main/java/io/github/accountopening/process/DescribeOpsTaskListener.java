package io.github.accountopening.process;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.config.AccountOpeningProperties;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/** Names the escalation's ops task after its opening, says why it exists and since when, and when it is due. */
@Component("describeOpsTask")
class DescribeOpsTaskListener implements TaskListener {

    private final AccountOpenings openings;
    private final AccountOpeningProperties properties;

    DescribeOpsTaskListener(AccountOpenings openings, AccountOpeningProperties properties) {
        this.openings = openings;
        this.properties = properties;
    }

    @Override
    public void notify(DelegateTask task) {
        AccountOpening opening = openings.get(task.getExecution().getProcessBusinessKey());
        Date escalated = ClockUtil.getCurrentTime();
        task.setName(OpsTasks.name(OpsTasks.STUCK, opening));
        task.setDescription("NexusBank was asked on " + opening.getCreatedAt() + " (tracking "
                + opening.getTrackingId() + ") and gave no final status within "
                + properties.polling().giveUpAfter()
                + "; escalated on " + escalated.toInstant() + ". Polling goes on meanwhile. Check the account with"
                + " NexusBank, then decide: RETRY, REJECT, or MANUAL with the IBAN and BIC.");
        task.setDueDate(
                Date.from(escalated.toInstant().plus(properties.polling().opsDueAfter())));
    }
}
