package io.github.accountopening.account;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of an opening's audit trail, as read back: a status report and what it did to the record ({@link AuditTrail} writes it). */
@Entity
@Table(name = "account_opening_event")
public class AccountOpeningEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    private String requestId;
    private Instant recordedAt;

    @Enumerated(EnumType.STRING)
    private EventSource source;

    private @Nullable String webhookId;

    @Enumerated(EnumType.STRING)
    private ProviderStatus status;

    @Enumerated(EnumType.STRING)
    private EventOutcome outcome;

    protected AccountOpeningEvent() {}

    public String getRequestId() {
        return requestId;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }

    public EventSource getSource() {
        return source;
    }

    public @Nullable String getWebhookId() {
        return webhookId;
    }

    public ProviderStatus getStatus() {
        return status;
    }

    public EventOutcome getOutcome() {
        return outcome;
    }
}
