package io.github.accountopening.webhook;

import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.ApplyResult;
import io.github.accountopening.account.StatusReport;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;

/**
 * The pipeline every status from outside travels, verified webhook or sandbox event alike:
 * duplicate shield, then the record under its row lock, with the process's wake-up scheduled as a job
 * in the same commit; the caller is answered without waiting for the engine.
 */
@Service
public class StatusIngestion {

    private static final Logger log = LoggerFactory.getLogger(StatusIngestion.class);
    static final int ATTEMPTS = 5;

    private final DuplicateShield shield;
    private final AccountOpenings openings;
    private final MeterRegistry meters;

    StatusIngestion(DuplicateShield shield, AccountOpenings openings, MeterRegistry meters) {
        this.shield = shield;
        this.openings = openings;
        this.meters = meters;
    }

    public IngestOutcome ingest(StatusReport report) {
        String requestId = report.requestId() != null
                ? report.requestId()
                : openings.requestIdOfTrackingId(report.trackingId()).orElse(null);
        String key = requestId == null ? null : DuplicateShield.key(requestId, report.status());
        if (key != null && !shield.claim(key)) {
            meters.counter("account.opening.webhooks", "outcome", IngestOutcome.SHIELDED.name())
                    .increment();
            log.debug("Status {} for opening {} absorbed by the duplicate shield", report.status(), requestId);
            return IngestOutcome.SHIELDED;
        }
        try {
            ApplyResult result = applyRetryingConflicts(report);
            IngestOutcome outcome = IngestOutcome.of(result.outcome());
            meters.counter("account.opening.webhooks", "outcome", outcome.name())
                    .increment();
            return outcome;
        } catch (RuntimeException e) {
            if (key != null) {
                shield.release(key); // or the provider's retry would be swallowed for the whole TTL
            }
            throw e;
        }
    }

    /** A lock the database could not grant in time, or a deadlock, rolls everything back; the next attempt starts afresh. */
    private ApplyResult applyRetryingConflicts(StatusReport report) {
        for (int attempt = 1; ; attempt++) {
            try {
                return openings.apply(report);
            } catch (ConcurrencyFailureException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.debug(
                        "Conflict applying {} to {} / {} (attempt {}): {}",
                        report.status(),
                        report.requestId(),
                        report.trackingId(),
                        attempt,
                        e.getMessage());
            }
        }
    }
}
