package io.github.accountopening.process;

import io.github.accountopening.config.AccountOpeningProperties;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * When the process polls and when it gives up waiting. The model reads the durations as
 * {@code ${pollingSchedule.pollingInterval}}: they come from properties, never from literals in the
 * model, so tests and demos can compress time. Engine time ({@code ClockUtil}), so process tests move it.
 */
@Component("pollingSchedule")
public class PollingSchedule {

    private final AccountOpeningProperties properties;

    PollingSchedule(AccountOpeningProperties properties) {
        this.properties = properties;
    }

    /** ISO-8601 duration between two polls of the provider, e.g. {@code PT30M}. */
    public String getPollingInterval() {
        return properties.polling().interval().toString();
    }

    /** The same interval as an endless cycle, for polling while ops investigates. */
    public String getPollingCycle() {
        return "R/" + getPollingInterval();
    }

    /** The moment to escalate if no terminal status has come: one give-up window from now. */
    Date giveUpFromNow() {
        return Date.from(
                ClockUtil.getCurrentTime().toInstant().plus(properties.polling().giveUpAfter()));
    }

    /** Whether an opening still pending at this moment is past its give-up moment. */
    boolean escalationDue(Date giveUpAt) {
        return !ClockUtil.getCurrentTime().toInstant().isBefore(giveUpAt.toInstant());
    }
}
