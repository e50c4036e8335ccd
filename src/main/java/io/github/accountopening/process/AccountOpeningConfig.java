package io.github.accountopening.process;

import io.github.accountopening.config.AccountOpeningProperties;
import org.springframework.stereotype.Component;

/**
 * The durations the BPMN reads as {@code ${accountOpeningConfig.pollingInterval}}: they come from
 * properties, never from literals in the model, so tests and demos can compress time.
 */
@Component("accountOpeningConfig")
public class AccountOpeningConfig {

    private final AccountOpeningProperties properties;

    AccountOpeningConfig(AccountOpeningProperties properties) {
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
}
