package io.github.accountopening.simulator;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code simulator.jira.*}: which kind of Jira the stand-in plays, and how long its Cloud search takes
 * to show a new issue.
 */
@ConfigurationProperties("simulator.jira")
public record JiraSimulatorProperties(Kind deployment, Duration searchDelay) {

    public enum Kind {
        CLOUD,
        DATA_CENTER
    }
}
