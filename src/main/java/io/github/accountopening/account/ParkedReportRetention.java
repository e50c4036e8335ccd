package io.github.accountopening.account;

import io.github.accountopening.config.AccountOpeningProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Removes parked reports that never matched an opening once {@code account-opening.history.parked-report-retention}
 * has passed, and counts them: a report that names nothing of ours for that long never will. Every node
 * runs it; a row is deleted, and counted, by one of them.
 */
@Component
public class ParkedReportRetention {

    private static final Logger log = LoggerFactory.getLogger(ParkedReportRetention.class);

    private final ParkedStatusReportRepository parked;
    private final Duration retention;
    private final Counter removed;

    ParkedReportRetention(
            ParkedStatusReportRepository parked, AccountOpeningProperties properties, MeterRegistry meters) {
        this.parked = parked;
        this.retention = properties.history().parkedReportRetention();
        this.removed = Counter.builder("account.opening.reports.parked.expired")
                .description("Parked reports removed unmatched after the retention period")
                .register(meters);
    }

    @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
    @Transactional
    public int removeExpired() {
        int count = parked.deleteReceivedBefore(Instant.now().minus(retention));
        if (count > 0) {
            removed.increment(count);
            log.info("Removed {} parked status reports that matched no opening within {}", count, retention);
        }
        return count;
    }
}
