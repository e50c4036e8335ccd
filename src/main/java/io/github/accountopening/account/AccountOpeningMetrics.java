package io.github.accountopening.account;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** The records' figures ops watch, read from the database at each scrape, so every node shows the same. */
@Component
class AccountOpeningMetrics implements MeterBinder {

    private final AccountOpeningRepository records;
    private final ParkedStatusReportRepository parked;

    AccountOpeningMetrics(AccountOpeningRepository records, ParkedStatusReportRepository parked) {
        this.records = records;
        this.parked = parked;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("account.opening.in_progress", records, r -> r.countByStatus(AccountStatus.IN_PROGRESS))
                .description("Openings waiting for a terminal status")
                .register(meters);
        Gauge.builder(
                        "account.opening.tickets.open",
                        records,
                        r -> r.countByStatusAndTicketKeyIsNotNull(AccountStatus.IN_PROGRESS))
                .description("Escalated openings still waiting for ops or the provider")
                .register(meters);
        Gauge.builder("account.opening.reports.parked", parked, ParkedStatusReportRepository::count)
                .description("Status reports that name no opening of ours (yet)")
                .register(meters);
    }
}
