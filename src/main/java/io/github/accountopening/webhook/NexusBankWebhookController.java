package io.github.accountopening.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.account.ReportFields;
import io.github.accountopening.account.TrackingIdMismatchException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /webhooks/nexusbank/account-opening}: size check, signature check, then the ingestion pipeline. */
@RestController
class NexusBankWebhookController {

    private static final Logger log = LoggerFactory.getLogger(NexusBankWebhookController.class);

    static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String REJECTED = "account.opening.webhooks.rejected";

    private final WebhookVerifier verifier;
    private final StatusIngestion ingestion;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final AcknowledgementsFirst acknowledgements;
    private final AtomicLong lastAccepted = new AtomicLong(Instant.now().getEpochSecond());

    NexusBankWebhookController(
            WebhookVerifier verifier,
            StatusIngestion ingestion,
            ObjectMapper json,
            MeterRegistry meters,
            AcknowledgementsFirst acknowledgements) {
        this.verifier = verifier;
        this.ingestion = ingestion;
        this.json = json;
        this.meters = meters;
        this.acknowledgements = acknowledgements;
        // registered at 0, so that an alert on its increase sees the first refusal after a botched secret rotation
        meters.counter(REJECTED, "reason", WebhookVerifier.BAD_SIGNATURE);
        Gauge.builder("account.opening.webhooks.last.accepted.timestamp", lastAccepted, AtomicLong::get)
                .baseUnit("seconds")
                .description("When this node last accepted a verified webhook (Unix seconds; its start until then)")
                .register(meters);
    }

    @PostMapping("/webhooks/nexusbank/account-opening")
    @Operation(summary = "NexusBank's status webhook", description = """
            Signed as in Standard Webhooks 1.0: webhook-signature holds space-separated v1,<base64
            HMAC-SHA256> entries over {webhook-id}.{webhook-timestamp}.{raw body}; svix-id, svix-timestamp
            and svix-signature are accepted as the same three headers. Matched by reference (our request id)
            or tracking_id; a status that names no opening yet is parked and applied once it does.
            """)
    @SecurityRequirements
    @Parameter(in = ParameterIn.HEADER, name = WebhookVerifier.ID, required = true, description = "unique per message")
    @Parameter(
            in = ParameterIn.HEADER,
            name = WebhookVerifier.TIMESTAMP,
            required = true,
            description = "Unix seconds, at most 5 minutes off")
    @Parameter(
            in = ParameterIn.HEADER,
            name = WebhookVerifier.SIGNATURE,
            required = true,
            description = "v1,<base64 HMAC-SHA256> ...")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(
            required = true,
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookPayload.class)))
    @ApiResponse(
            responseCode = "202",
            description = "accepted: applied, duplicate, stale, contradicting, parked or absorbed by the shield")
    @ApiResponse(
            responseCode = "400",
            description = "missing headers, not JSON, unknown status, no id, COMPLETED without valid IBAN and BIC, "
                    + "a field longer or of another shape than the record holds (reference: 1-64 of [A-Za-z0-9._-])",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "401",
            description = "signature wrong, or timestamp more than 5 minutes off",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "413",
            description = "body over 64 KiB",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(
            responseCode = "503",
            description = "we cannot persist right now: retry after the Retry-After seconds",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    ResponseEntity<Map<String, String>> receive(@Parameter(hidden = true) HttpServletRequest request)
            throws IOException {
        acknowledgements.started();
        try {
            return acknowledge(request);
        } finally {
            acknowledgements.finished();
        }
    }

    private ResponseEntity<Map<String, String>> acknowledge(HttpServletRequest request) throws IOException {
        Map<String, List<String>> headers = headers(request);
        try {
            String body = readBody(request);
            String webhookId = verifier.verify(body, headers);
            IngestOutcome outcome;
            try {
                outcome = ingestion.ingest(WebhookPayload.parse(json, body, webhookId));
            } catch (TrackingIdMismatchException e) {
                throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "tracking_id_mismatch", e.getMessage());
            }
            lastAccepted.set(Instant.now().getEpochSecond());
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(Map.of("webhookId", webhookId, "outcome", outcome.name()));
        } catch (WebhookRejectedException e) {
            meters.counter(REJECTED, "reason", e.reason()).increment();
            // the sender's mistake, not ours: one line, no stack trace
            String deliveryId = WebhookVerifier.deliveryId(headers);
            log.warn(
                    "Webhook {} refused with {} ({}): {}",
                    deliveryId == null ? null : ReportFields.shown(deliveryId),
                    e.getStatusCode().value(),
                    e.reason(),
                    e.getBody().getDetail());
            throw e;
        }
    }

    private static String readBody(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static WebhookRejectedException tooLarge() {
        return new WebhookRejectedException(
                HttpStatus.PAYLOAD_TOO_LARGE, "too_large", "body is larger than " + MAX_BODY_BYTES + " bytes (64 KiB)");
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
