package io.github.accountopening.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import io.github.accountopening.account.BankAccount;
import io.github.accountopening.config.NexusBankProperties;
import io.github.accountopening.config.SimulatorProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for NexusBank over real HTTP under {@code /simulator/nexusbank}. Markers in the legal name
 * choose its behaviour ({@code [reject]}, {@code [no-webhook]}, {@code [stuck]}, {@code [duplicate]},
 * {@code [out-of-order]}, {@code [provider-down]}); {@code simulator.chaos.*} adds random duplicates,
 * drops and reorders to every webhook it sends.
 */
@RestController
@RequestMapping("/simulator/nexusbank")
@ConditionalOnProperty(name = "simulator.enabled", havingValue = "true")
public class NexusBankSimulator implements AutoCloseable {

    static final String REJECTION_REASON = "KYC check failed: the company is not in the trade register";
    /** Gap between the INITIATED and IN_PROGRESS webhooks, and before a terminal one, to keep their order. */
    static final long STEP_MILLIS = 50;

    private final NexusBankProperties nexusBank;
    private final SimulatorProperties properties;
    private final ObjectMapper json;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final SimulatedWebhookSender sender;
    private final Map<String, Opening> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Opening> byTrackingId = new ConcurrentHashMap<>();
    private final Map<String, BankAccount> legacyAccounts = new ConcurrentHashMap<>();
    private volatile boolean outage = true;

    NexusBankSimulator(NexusBankProperties nexusBank, SimulatorProperties properties, ObjectMapper json)
            throws EmptyWebhookSecretException {
        this.nexusBank = nexusBank;
        this.properties = properties;
        this.json = json;
        this.sender = new SimulatedWebhookSender(nexusBank, properties, scheduler);
    }

    /** What the simulator decided for one opening; read by tests and demos. */
    public static final class Opening {
        final String trackingId;
        final String reference;
        final String market;
        final String legalName;
        /** Decided up front, so that a webhook built at any moment carries the same account. */
        final BankAccount account;

        volatile String status = "INITIATED";

        Opening(String trackingId, String reference, String market, String legalName) {
            this.trackingId = trackingId;
            this.reference = reference;
            this.market = market;
            this.legalName = legalName;
            this.account = accountFor(market);
        }

        public String trackingId() {
            return trackingId;
        }

        public String status() {
            return status;
        }

        public BankAccount account() {
            return account;
        }
        /** The terminal status this opening ends in, whatever reaches us of it. */
        public String decidedOutcome() {
            return has(legalName, "[stuck]") ? "IN_PROGRESS" : has(legalName, "[reject]") ? "REJECTED" : "COMPLETED";
        }
    }

    public record OpeningRequest(
            String reference, String customer_id, String legal_name, String market, String customer_type) {}

    @PostMapping("/v2/account-openings")
    ResponseEntity<?> requestAccount(
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @RequestHeader(value = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody OpeningRequest request) {
        ResponseEntity<?> refused = refuse(authorization, key, request);
        if (refused != null) {
            return refused;
        }
        Opening opening = byIdempotencyKey.computeIfAbsent(key, k -> {
            Opening created = new Opening(
                    "trk-" + UUID.randomUUID(), request.reference(), request.market(), request.legal_name());
            byTrackingId.put(created.trackingId, created);
            SimulatedWebhookSender.later(scheduler, () -> play(created), 0);
            return created;
        });
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(Map.of("tracking_id", opening.trackingId, "status", "INITIATED"));
    }

    @GetMapping("/v2/account-openings/{trackingId}")
    ResponseEntity<?> status(
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @PathVariable String trackingId) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "bearer api key required"));
        }
        Opening opening = byTrackingId.get(trackingId);
        if (opening == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("message", "unknown tracking id " + trackingId));
        }
        return ResponseEntity.ok(body(opening, opening.status));
    }

    @PostMapping("/v1/accounts")
    ResponseEntity<?> openLegacy(
            @RequestHeader(value = "Authorization", required = false) @Nullable String authorization,
            @RequestHeader(value = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody OpeningRequest request) {
        ResponseEntity<?> refused = refuse(authorization, key, request);
        if (refused != null) {
            return refused;
        }
        if (has(request.legal_name(), "[reject]")) {
            return ResponseEntity.unprocessableEntity().body(Map.of("reason", REJECTION_REASON));
        }
        BankAccount account = legacyAccounts.computeIfAbsent(key, k -> accountFor(request.market()));
        return ResponseEntity.ok(Map.of("iban", account.iban(), "bic", account.bic()));
    }

    /** {@code PUT /simulator/nexusbank/outage {"active": false}} brings the {@code [provider-down]} openings back. */
    @PutMapping("/outage")
    Map<String, Boolean> outage(@RequestBody Map<String, Boolean> request) {
        outage = Boolean.TRUE.equals(request.get("active"));
        return Map.of("active", outage);
    }

    /**
     * {@code PUT /simulator/nexusbank/openings/{trackingId}/status {"status": "COMPLETED"}}: NexusBank
     * settles an opening without telling us, as it does when a webhook is lost; only a poll finds it.
     */
    @PutMapping("/openings/{trackingId}/status")
    public ResponseEntity<?> settle(@PathVariable String trackingId, @RequestBody Map<String, String> request) {
        String status = request.get("status");
        if (status == null
                || !List.of("INITIATED", "IN_PROGRESS", "COMPLETED", "REJECTED").contains(status)) {
            return ResponseEntity.badRequest()
                    .body(Map.of("message", "status must be INITIATED, IN_PROGRESS, COMPLETED or REJECTED"));
        }
        Opening opening = byTrackingId.get(trackingId);
        if (opening == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("message", "unknown tracking id " + trackingId));
        }
        opening.status = status;
        return ResponseEntity.ok(body(opening, status));
    }

    public @Nullable Opening opening(String trackingId) {
        return byTrackingId.get(trackingId);
    }

    /** The opening NexusBank holds for one of our request ids, or null when we never asked. */
    public @Nullable Opening openingForRequest(String requestId) {
        return byIdempotencyKey.get(requestId);
    }

    /** How our webhook endpoint answered the simulator's deliveries, by HTTP status (0: no answer). */
    public Map<Integer, Long> webhookAnswers() {
        return sender.answers();
    }

    /** The bodies of the webhooks our endpoint answered 202: each one must have taken effect. */
    public List<String> acceptedWebhooks() {
        return sender.accepted();
    }

    public void setOutage(boolean active) {
        outage = active;
    }

    private @Nullable ResponseEntity<?> refuse(
            @Nullable String authorization, @Nullable String key, OpeningRequest request) {
        if (!authorized(authorization)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("message", "bearer api key required"));
        }
        if (key == null || key.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("reason", "Idempotency-Key header is required"));
        }
        if (outage && has(request.legal_name(), "[provider-down]")) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(Map.of("message", "NexusBank is down for maintenance"));
        }
        return null;
    }

    private boolean authorized(@Nullable String authorization) {
        return ("Bearer " + nexusBank.apiKey()).equals(authorization);
    }

    /** Moves the opening through its statuses and sends the webhooks its markers and the chaos rates call for. */
    private void play(Opening opening) {
        boolean stuck = has(opening.legalName, "[stuck]");
        long terminalAt = Math.max(properties.webhookDelay().toMillis(), 2 * STEP_MILLIS);
        List<Step> steps = new ArrayList<>();
        steps.add(new Step("INITIATED", 0));
        steps.add(new Step("IN_PROGRESS", STEP_MILLIS));
        if (!stuck) {
            steps.add(new Step(has(opening.legalName, "[reject]") ? "REJECTED" : "COMPLETED", terminalAt));
        }
        for (Step step : steps) {
            SimulatedWebhookSender.later(scheduler, () -> opening.status = step.status, step.at);
        }
        if (has(opening.legalName, "[no-webhook]")) {
            return;
        }
        List<Step> deliveries = new ArrayList<>(steps);
        if (has(opening.legalName, "[out-of-order]") && deliveries.size() == 3) {
            deliveries.set(1, new Step("IN_PROGRESS", terminalAt + STEP_MILLIS));
        }
        var random = ThreadLocalRandom.current();
        for (int i = 0; i + 1 < deliveries.size(); i++) {
            if (random.nextDouble() < properties.chaos().reorderRate()) {
                Step first = deliveries.get(i);
                deliveries.set(i, new Step(first.status, deliveries.get(i + 1).at + STEP_MILLIS));
            }
        }
        for (Step delivery : deliveries) {
            if (random.nextDouble() < properties.chaos().dropRate()) {
                continue;
            }
            int copies = has(opening.legalName, "[duplicate]")
                    ? 3
                    : random.nextDouble() < properties.chaos().duplicateRate() ? 2 : 1;
            String webhookId = "msg_" + UUID.randomUUID();
            SimulatedWebhookSender.later(
                    scheduler,
                    () -> {
                        String body = webhookBody(opening, delivery.status);
                        for (int c = 0; c < copies; c++) {
                            sender.send(webhookId, body);
                        }
                    },
                    delivery.at + 1);
        }
    }

    /** The body as it was when the status happened, even when it is delivered later. */
    private String webhookBody(Opening opening, String status) {
        Map<String, Object> body = body(opening, status);
        body.put("occurred_at", Instant.now().toString());
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> body(Opening opening, String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tracking_id", opening.trackingId);
        body.put("reference", opening.reference);
        body.put("status", status);
        boolean completed = "COMPLETED".equals(status);
        body.put("iban", completed ? opening.account.iban() : null);
        body.put("bic", completed ? opening.account.bic() : null);
        body.put("reason", "REJECTED".equals(status) ? REJECTION_REASON : null);
        return body;
    }

    private static BankAccount accountFor(String market) {
        try {
            return BankAccount.madeUpFor(market);
        } catch (IllegalArgumentException e) {
            return BankAccount.madeUpFor("NL");
        }
    }

    static boolean has(String legalName, String marker) {
        return legalName != null && legalName.contains(marker);
    }

    private record Step(String status, long at) {}

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
