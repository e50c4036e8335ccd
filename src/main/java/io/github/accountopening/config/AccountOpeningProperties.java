package io.github.accountopening.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code account-opening.*}: how long to wait, poll and shield; defaults in application.yaml. */
@ConfigurationProperties("account-opening")
public record AccountOpeningProperties(
        Polling polling,
        Dedup dedup,
        String retryCycle,
        Sandbox sandbox,
        String publicUrl,
        History history,
        AcknowledgementsFirst acknowledgementsFirst) {

    /** Polling, the give-up window, and how long ops has to resolve an escalation (the task's due date). */
    public record Polling(Duration interval, Duration giveUpAfter, Duration opsDueAfter) {}

    public record Dedup(Duration ttl, String store) {}

    public record Sandbox(boolean enabled) {}

    /** How long a batch of jobs may wait while this node's cores are busy acknowledging webhooks (PT0S: never). */
    public record AcknowledgementsFirst(Duration maxDelay) {}

    /** How long the engine's history of an ended opening, and a report that never matched, are kept. */
    public record History(Duration timeToLive, Duration parkedReportRetention) {}
}
