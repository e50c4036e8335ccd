package io.github.accountopening.sandbox;

import io.github.accountopening.account.AccountOpening;
import io.github.accountopening.account.AccountOpeningNotFoundException;
import io.github.accountopening.account.AccountOpenings;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.account.ProviderStatus;
import io.github.accountopening.account.ReportFields;
import io.github.accountopening.account.StatusReport;
import io.github.accountopening.webhook.IngestOutcome;
import io.github.accountopening.webhook.StatusIngestion;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

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

    record SandboxStatus(String accountOpeningRequestId, String status, String iban, String bic, String reason) {}

    @PostMapping("/company/account-opening/set-status-sandbox")
    @Operation(
            summary = "Push a simulated provider status through the webhook pipeline (non-production)",
            description =
                    "iban and bic are optional for COMPLETED: a valid test IBAN for the opening's market is made up.")
    @ApiResponse(responseCode = "202", description = "accepted; outcome as for a webhook")
    @ApiResponse(
            responseCode = "400",
            description = "unknown request id, unknown status, a bad IBAN, or a field longer than the record holds",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "404",
            description = "the sandbox is switched off (account-opening.sandbox.enabled=false)")
    ResponseEntity<Map<String, String>> setStatus(@RequestBody SandboxStatus request) {
        if (request.accountOpeningRequestId() == null
                || request.accountOpeningRequestId().isBlank()) {
            throw new IllegalArgumentException("accountOpeningRequestId is missing");
        }
        // the same limits as a webhook's: what the record cannot hold is refused here, not by the database
        ReportFields.requestId("accountOpeningRequestId", request.accountOpeningRequestId());
        ReportFields.iban("iban", request.iban());
        ReportFields.bic("bic", request.bic());
        ReportFields.reason("reason", request.reason());
        ProviderStatus status = ProviderStatus.parse(request.status())
                .orElseThrow(() ->
                        new IllegalArgumentException("status " + ReportFields.shown(String.valueOf(request.status()))
                                + " is unknown; expected one of " + ProviderStatus.names()));
        AccountOpening opening = openings.find(request.accountOpeningRequestId())
                .orElseThrow(() -> new IllegalArgumentException(
                        new AccountOpeningNotFoundException(request.accountOpeningRequestId()).getMessage()));
        BankAccount account = null;
        if (status == ProviderStatus.COMPLETED) {
            account = request.iban() == null && request.bic() == null
                    ? BankAccount.madeUpFor(opening.getMarket())
                    : new BankAccount(
                            request.iban(),
                            request.bic() == null ? BankAccount.madeUpBic(opening.getMarket()) : request.bic());
        }
        String reason = status == ProviderStatus.REJECTED && request.reason() == null
                ? "rejected in the sandbox"
                : request.reason();
        String webhookId = "sandbox_" + UUID.randomUUID();
        IngestOutcome outcome = ingestion.ingest(StatusReport.sandbox(
                opening.getRequestId(), opening.getTrackingId(), status, account, reason, webhookId));
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("webhookId", webhookId, "outcome", outcome.name()));
    }
}
