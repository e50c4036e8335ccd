package io.github.accountopening.account;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One line of the audit trail as the read API shows it. */
public record AccountOpeningEventView(
        Instant at, EventSource source, @Nullable String webhookId, ProviderStatus status, EventOutcome outcome) {

    static AccountOpeningEventView of(AccountOpeningEvent e) {
        return new AccountOpeningEventView(
                e.getRecordedAt(), e.getSource(), e.getWebhookId(), e.getStatus(), e.getOutcome());
    }
}
