package io.github.accountopening.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;

/**
 * The account record: one row per opening, created {@code IN_PROGRESS} with empty IBAN/BIC before the
 * provider is called. Every writer holds the row lock while it calls {@link #accept(StatusReport, Instant)}.
 */
@Entity
@Table(name = "account_opening")
public class AccountOpening implements Persistable<String> {

    @Id
    @Column(name = "request_id")
    private String requestId;

    private String customerId;
    private String market;
    private String customerType;
    private String legalName;

    @Enumerated(EnumType.STRING)
    private OpeningMode mode;

    @Enumerated(EnumType.STRING)
    private AccountStatus status;

    @Enumerated(EnumType.STRING)
    private @Nullable ProviderStatus providerStatus;

    private @Nullable String trackingId;
    private @Nullable String iban;
    private @Nullable String bic;
    private @Nullable String rejectionReason;
    private @Nullable String cardId;
    private @Nullable String ticketKey;
    private @Nullable Instant ticketRequestedAt;
    private String processInstanceId;
    private Instant createdAt;
    private Instant updatedAt;

    @Transient
    private boolean isNew;

    protected AccountOpening() {}

    AccountOpening(NewAccountOpening opening, Instant now) {
        this.requestId = opening.requestId();
        this.customerId = opening.customerId();
        this.market = opening.market();
        this.customerType = opening.customerType();
        this.legalName = opening.legalName();
        this.mode = opening.mode();
        this.processInstanceId = opening.processInstanceId();
        this.status = AccountStatus.IN_PROGRESS;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    /** A new record is inserted, never merged into an existing row with the same request id. */
    @Override
    public boolean isNew() {
        return isNew;
    }

    @Override
    public String getId() {
        return requestId;
    }

    @PostLoad
    @PostPersist
    void markPersisted() {
        isNew = false;
    }

    /**
     * Applies a status report if it moves the record forward. A repeated, older or contradicting
     * report changes nothing but an empty tracking id, and says so in the outcome.
     */
    EventOutcome accept(StatusReport report, Instant now) {
        if (report.trackingId() != null && trackingId != null && !trackingId.equals(report.trackingId())) {
            throw new TrackingIdMismatchException(requestId, trackingId, report.trackingId());
        }
        // The tracking id is a fact, whatever the status beside it: a stale or repeated report still fills an empty
        // one.
        if (trackingId == null && report.trackingId() != null) {
            trackingId = report.trackingId();
            updatedAt = now;
        }
        ProviderStatus reported = report.status();
        if (status.isTerminal()) {
            if (reported == providerStatus) {
                return EventOutcome.DUPLICATE;
            }
            return reported.isTerminal() ? EventOutcome.CONTRADICTING : EventOutcome.STALE;
        }
        if (providerStatus != null && reported == providerStatus) {
            return EventOutcome.DUPLICATE;
        }
        if (providerStatus != null && reported.rank() < providerStatus.rank()) {
            return EventOutcome.STALE;
        }
        providerStatus = reported;
        if (reported == ProviderStatus.COMPLETED) {
            status = AccountStatus.COMPLETED;
            BankAccount account = Objects.requireNonNull(report.account(), "a COMPLETED report carries its account");
            iban = account.iban();
            bic = account.bic();
        } else if (reported == ProviderStatus.REJECTED) {
            status = AccountStatus.REJECTED;
            String reason = report.reason();
            rejectionReason = reason == null || reason.isBlank() ? "no reason given" : reason;
        }
        updatedAt = now;
        return EventOutcome.APPLIED;
    }

    void recordCard(String newCardId, Instant now) {
        if (status != AccountStatus.COMPLETED) {
            throw new IllegalStateException("opening " + requestId + " is " + status + ": no card can be issued");
        }
        cardId = newCardId;
        updatedAt = now;
    }

    void recordTicket(String key, Instant now) {
        ticketKey = key;
        ticketRequestedAt = null;
        updatedAt = now;
    }

    void recordTicketRequested(Instant now) {
        ticketRequestedAt = now;
    }

    void forgetTicketRequest() {
        ticketRequestedAt = null;
    }

    public String getRequestId() {
        return requestId;
    }

    public String getCustomerId() {
        return customerId;
    }

    public String getMarket() {
        return market;
    }

    public String getCustomerType() {
        return customerType;
    }

    public String getLegalName() {
        return legalName;
    }

    public OpeningMode getMode() {
        return mode;
    }

    public AccountStatus getStatus() {
        return status;
    }

    public @Nullable ProviderStatus getProviderStatus() {
        return providerStatus;
    }

    public @Nullable String getTrackingId() {
        return trackingId;
    }

    public @Nullable String getIban() {
        return iban;
    }

    public @Nullable String getBic() {
        return bic;
    }

    public @Nullable String getRejectionReason() {
        return rejectionReason;
    }

    public @Nullable String getCardId() {
        return cardId;
    }

    public @Nullable String getTicketKey() {
        return ticketKey;
    }
    /** When a ticket's creation was started whose outcome is not known yet; null once the key is stored. */
    public @Nullable Instant getTicketRequestedAt() {
        return ticketRequestedAt;
    }
    /** A ticket exists, or may: an opening that ends must close it. */
    public boolean hasTicketToClose() {
        return ticketKey != null || ticketRequestedAt != null;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
