package io.github.accountopening.account;

import java.util.Objects;

/**
 * A status for one opening, from any source. It names the opening by request id, by tracking id, or
 * both; a COMPLETED report always carries a checked {@link BankAccount}.
 */
public record StatusReport(String requestId, String trackingId, ProviderStatus status, BankAccount account,
                           String reason, EventSource source, String webhookId) {

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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
