package io.github.accountopening.sandbox;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpeningNotFoundException;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.account.EventSource;
import io.github.accountopening.account.ProviderStatus;
import io.github.accountopening.account.StatusReport;
import io.github.accountopening.webhook.IngestOutcome;
import io.github.accountopening.webhook.StatusIngestion;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /company/account-opening/set-status-sandbox}: a simulated webhook that travels the very
 * same pipeline as a verified one (duplicate shield, matching, transition, wake-up). Absent, so 404,
 * when {@code account-opening.sandbox.enabled=false}, as under {@code prod}.
 */
@RestController
@ConditionalOnProperty(name = "account-opening.sandbox.enabled", havingValue = "true")
class SandboxController {

    private final AccountOpenings openings;
    private final StatusIngestion ingestion;

    SandboxController(AccountOpenings openings, StatusIngestion ingestion) {
        this.openings = openings;
        this.ingestion = ingestion;
    }

    record SandboxStatus(String accountOpeningRequestId, String status, String iban, String bic, String reason) {
    }

    @PostMapping("/company/account-opening/set-status-sandbox")
    ResponseEntity<Map<String, String>> setStatus(@RequestBody SandboxStatus request) {
        if (request.accountOpeningRequestId() == null || request.accountOpeningRequestId().isBlank()) {
            throw new IllegalArgumentException("accountOpeningRequestId is missing");
        }
        ProviderStatus status = ProviderStatus.parse(request.status()).orElseThrow(() -> new IllegalArgumentException(
                "status '" + request.status() + "' is unknown; expected one of " + ProviderStatus.names()));
        AccountOpening opening = openings.find(request.accountOpeningRequestId()).orElseThrow(() ->
                new IllegalArgumentException(new AccountOpeningNotFoundException(request.accountOpeningRequestId()).getMessage()));
        BankAccount account = null;
        if (status == ProviderStatus.COMPLETED) {
            account = request.iban() == null && request.bic() == null
                    ? BankAccount.madeUpFor(opening.getMarket())
                    : new BankAccount(request.iban(), request.bic() == null ? BankAccount.madeUpBic(opening.getMarket()) : request.bic());
        }
        String reason = status == ProviderStatus.REJECTED && request.reason() == null ? "rejected in the sandbox" : request.reason();
        String webhookId = "sandbox_" + UUID.randomUUID();
        IngestOutcome outcome = ingestion.ingest(new StatusReport(opening.getRequestId(), opening.getTrackingId(), status,
                account, reason, EventSource.SANDBOX, webhookId));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("webhookId", webhookId, "outcome", outcome.name()));
    }
}
