package io.github.accountopening.account;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends to an opening's audit trail with one plain insert, in the caller's transaction. An event is
 * written once and never changed or read back by the transaction that writes it, so it needs none of
 * the ORM's bookkeeping: on the acknowledgement's path that bookkeeping cost more than the insert.
 */
@Component
class AuditTrail {

    private static final String APPEND = """
            insert into account_opening_event (request_id, recorded_at, source, webhook_id, status, outcome)
            values (?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    AuditTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void append(String requestId, StatusReport report, EventOutcome outcome, Instant now) {
        jdbc.update(
                APPEND,
                requestId,
                OffsetDateTime.ofInstant(now, ZoneOffset.UTC),
                report.source().name(),
                report.webhookId(),
                report.status().name(),
                outcome.name());
    }
}
