package io.github.accountopening.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A status report kept until an opening with its request id or tracking id exists. */
@Entity
@Table(name = "parked_status_report")
class ParkedStatusReport {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private @Nullable String requestId;
    private @Nullable String trackingId;

    @Enumerated(EnumType.STRING)
    private ProviderStatus status;

    private @Nullable String iban;
    private @Nullable String bic;
    private @Nullable String reason;

    @Enumerated(EnumType.STRING)
    private EventSource source;

    private @Nullable String webhookId;
    /** Read by name: the sweep's and the retention's queries. */
    @Column(name = "received_at")
    private Instant receivedAt;

    protected ParkedStatusReport() {}

    ParkedStatusReport(StatusReport report, Instant now) {
        this.requestId = report.requestId();
        this.trackingId = report.trackingId();
        this.status = report.status();
        BankAccount account = report.account();
        this.iban = account == null ? null : account.iban();
        this.bic = account == null ? null : account.bic();
        this.reason = report.reason();
        this.source = report.source();
        this.webhookId = report.webhookId();
        this.receivedAt = now;
    }

    StatusReport toReport() {
        BankAccount account = iban == null || bic == null ? null : new BankAccount(iban, bic);
        return new StatusReport(requestId, trackingId, status, account, reason, source, webhookId);
    }
}
