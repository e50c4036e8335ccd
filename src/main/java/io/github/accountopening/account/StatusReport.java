package io.github.accountopening.account;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A status for one opening, from any source. It names the opening by request id, by tracking id, or
 * both; a COMPLETED report always carries a checked {@link BankAccount}. Made by the factory named
 * after where it comes from.
 */
public record StatusReport(
        @Nullable String requestId,
        @Nullable String trackingId,
        ProviderStatus status,
        @Nullable BankAccount account,
        @Nullable String reason,
        EventSource source,
        @Nullable String webhookId) {

    public StatusReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        if (isBlank(requestId) && isBlank(trackingId)) {
            throw new IllegalArgumentException("a status report needs a request id or a tracking id");
        }
        if (status == ProviderStatus.COMPLETED && account == null) {
            throw new BankAccount.InvalidBankAccountException("a COMPLETED status needs an iban and a bic");
        }
    }

    /** A verified provider webhook, naming the opening by our request id ({@code reference}), its tracking id, or both. */
    public static StatusReport webhook(
            @Nullable String requestId,
            @Nullable String trackingId,
            ProviderStatus status,
            @Nullable BankAccount account,
            @Nullable String reason,
            String webhookId) {
        return new StatusReport(requestId, trackingId, status, account, reason, EventSource.WEBHOOK, webhookId);
    }

    /** A simulated webhook pushed through the sandbox endpoint. */
    public static StatusReport sandbox(
            @Nullable String requestId,
            @Nullable String trackingId,
            ProviderStatus status,
            @Nullable BankAccount account,
            @Nullable String reason,
            String webhookId) {
        return new StatusReport(requestId, trackingId, status, account, reason, EventSource.SANDBOX, webhookId);
    }

    /** The provider accepted our request: its tracking id and a status that is not terminal yet. */
    public static StatusReport accepted(String requestId, String trackingId, ProviderStatus status) {
        return new StatusReport(requestId, trackingId, status, null, null, EventSource.PROVIDER, null);
    }

    /** The provider's answer to our own call opened the account (the legacy synchronous call). */
    public static StatusReport opened(String requestId, BankAccount account) {
        return new StatusReport(requestId, null, ProviderStatus.COMPLETED, account, null, EventSource.PROVIDER, null);
    }

    /** The provider refused our own call outright. */
    public static StatusReport refused(String requestId, @Nullable String reason) {
        return new StatusReport(requestId, null, ProviderStatus.REJECTED, null, reason, EventSource.PROVIDER, null);
    }

    /** What our poll of the provider's status API found. */
    public static StatusReport polled(
            String requestId,
            String trackingId,
            ProviderStatus status,
            @Nullable BankAccount account,
            @Nullable String reason) {
        return new StatusReport(requestId, trackingId, status, account, reason, EventSource.POLL, null);
    }

    /** Ops opened the account by hand with the IBAN and BIC the provider gave them. */
    public static StatusReport openedByOps(String requestId, BankAccount account) {
        return new StatusReport(requestId, null, ProviderStatus.COMPLETED, account, null, EventSource.OPS, null);
    }

    /** Ops rejected the opening. */
    public static StatusReport rejectedByOps(String requestId, @Nullable String reason) {
        return new StatusReport(requestId, null, ProviderStatus.REJECTED, null, reason, EventSource.OPS, null);
    }

    private static boolean isBlank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
