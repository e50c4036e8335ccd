package io.github.accountopening.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code simulator.*}: the built-in NexusBank, card and Jira stand-ins and the faults they inject. */
@ConfigurationProperties("simulator")
public record SimulatorProperties(boolean enabled, Duration webhookDelay, String webhookUrl, Chaos chaos) {

    /** Fractions (0-1) of webhooks sent twice, never sent, or held back behind the next one. */
    public record Chaos(double duplicateRate, double dropRate, double reorderRate) {}
}
