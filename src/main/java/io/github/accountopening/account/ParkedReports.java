package io.github.accountopening.account;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Lazy;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Status reports that name no opening of ours yet: parked in the transaction that received them,
 * handed to their opening once its ids are stored, and swept for the ones that raced that moment.
 */
@Component
public class ParkedReports {

    private static final Logger log = LoggerFactory.getLogger(ParkedReports.class);
    /**
     * The sweep is for a report that raced the transaction storing its opening's ids: seconds. Older
     * reports stay parked (and counted), are still applied when their opening's ids are stored, and
     * are left out of the sweep so that reports naming nothing of ours cannot slow it down.
     */
    static final Duration SWEEP_LOOK_BACK = Duration.ofHours(24);

    private final ParkedStatusReportRepository parked;
    private final AccountOpenings openings;
    private final MeterRegistry meters;

    /** {@code openings} is lazy: it parks and takes reports through this class, and this sweep applies through it. */
    ParkedReports(ParkedStatusReportRepository parked, @Lazy AccountOpenings openings, MeterRegistry meters) {
        this.parked = parked;
        this.openings = openings;
        this.meters = meters;
    }

    /** Keeps a report that matches no opening, in the caller's transaction. */
    void park(StatusReport report) {
        parked.save(new ParkedStatusReport(report, Instant.now()));
        meters.counter(
                        "account.opening.reports",
                        "source",
                        report.source().name(),
                        "outcome",
                        EventOutcome.PARKED.name())
                .increment();
        log.info(
                "Status {} for request {} / tracking {} matches no opening yet: parked",
                report.status(),
                report.requestId(),
                report.trackingId());
    }

    /** Removes and returns, oldest first, the reports parked for this opening's request or tracking id. */
    List<StatusReport> takeFor(AccountOpening opening) {
        List<ParkedStatusReport> found = parked.findFor(opening.getTrackingId(), opening.getRequestId());
        parked.deleteAll(found);
        return found.stream().map(ParkedStatusReport::toReport).toList();
    }

    /** Matches parked reports whose opening appeared after they arrived (the two raced each other). */
    @Scheduled(fixedDelayString = "${account-opening.parked-sweep-interval:PT10S}")
    @Transactional
    public void sweep() {
        for (ParkedStatusReport report :
                parked.findByReceivedAtAfterOrderById(Instant.now().minus(SWEEP_LOOK_BACK))) {
            StatusReport r = report.toReport();
            openings.lockRecordOf(r).ifPresent(opening -> {
                parked.delete(report);
                openings.applyParked(opening, r);
            });
        }
    }
}
