package io.github.accountopening.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.account.TrackingIdMismatchException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code POST /webhooks/nexusbank/account-opening}: size check, signature check, then the ingestion pipeline. */
@RestController
class NexusBankWebhookController {

    static final int MAX_BODY_BYTES = 64 * 1024;

    private final WebhookVerifier verifier;
    private final StatusIngestion ingestion;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    NexusBankWebhookController(WebhookVerifier verifier, StatusIngestion ingestion, ObjectMapper json, MeterRegistry meters) {
        this.verifier = verifier;
        this.ingestion = ingestion;
        this.json = json;
        this.meters = meters;
    }

    @PostMapping("/webhooks/nexusbank/account-opening")
    ResponseEntity<Map<String, String>> receive(HttpServletRequest request) throws IOException {
        try {
            String body = readBody(request);
            String webhookId = verifier.verify(body, headers(request));
            IngestOutcome outcome;
            try {
                outcome = ingestion.ingest(WebhookPayload.parse(json, body, webhookId));
            } catch (TrackingIdMismatchException e) {
                throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "tracking_id_mismatch", e.getMessage());
            }
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("webhookId", webhookId, "outcome", outcome.name()));
        } catch (WebhookRejectedException e) {
            meters.counter("account.opening.webhooks.rejected", "reason", e.reason()).increment();
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
        return new WebhookRejectedException(HttpStatus.PAYLOAD_TOO_LARGE, "too_large",
                "body is larger than " + MAX_BODY_BYTES + " bytes (64 KiB)");
    }

    private static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(), Collections.list(request.getHeaders(name)));
        }
        return headers;
    }
}
