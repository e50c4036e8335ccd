package io.github.accountopening.simulator;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;
import io.github.accountopening.config.NexusBankProperties;
import io.github.accountopening.config.SimulatorProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers signed webhooks like a provider with at-least-once delivery: over real HTTP, signed with
 * the first webhook secret, retried with backoff while our endpoint answers 5xx or cannot be reached.
 */
class SimulatedWebhookSender {

    private static final Logger log = LoggerFactory.getLogger(SimulatedWebhookSender.class);
    static final int MAX_ATTEMPTS = 8;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Webhook signer;
    private final SimulatorProperties properties;
    private final ScheduledExecutorService scheduler;
    /** How our endpoint answered, by HTTP status (0: no answer), so demos and tests can see every 5xx. */
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    /** Bodies of the deliveries our endpoint accepted (202): each must have taken effect. */
    private final List<String> accepted = new CopyOnWriteArrayList<>();

    SimulatedWebhookSender(
            NexusBankProperties nexusBank, SimulatorProperties properties, ScheduledExecutorService scheduler)
            throws EmptyWebhookSecretException {
        List<String> secrets = nexusBank.webhookSecret() == null ? List.of() : nexusBank.webhookSecret();
        // none at all is refused like an empty one, with the same one line at start-up
        this.signer = new Webhook(
                secrets.isEmpty() || secrets.get(0) == null
                        ? ""
                        : secrets.get(0).trim());
        this.properties = properties;
        this.scheduler = scheduler;
    }

    Map<Integer, Long> answers() {
        Map<Integer, Long> copy = new TreeMap<>();
        answers.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    List<String> accepted() {
        return List.copyOf(accepted);
    }

    /** Runs a task after a delay; a task that fails is logged, where its future would keep the failure unseen. */
    static void later(ScheduledExecutorService scheduler, Runnable task, long delayMillis) {
        Runnable logged = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("A simulated step failed", e);
            }
        };
        ScheduledFuture<?> unused = scheduler.schedule(logged, delayMillis, TimeUnit.MILLISECONDS);
    }

    void send(String webhookId, String body) {
        attempt(webhookId, body, 1);
    }

    private void attempt(String webhookId, String body, int attempt) {
        long timestamp = Instant.now().getEpochSecond();
        String signature;
        try {
            signature = signer.sign(webhookId, timestamp, body);
        } catch (WebhookSigningException e) {
            throw new IllegalStateException("cannot sign webhook " + webhookId, e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.webhookUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        // the answer is handled in full here, a failure to handle it logged: the future holds nothing more
        CompletableFuture<?> unused = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .whenComplete((response, error) -> {
                    try {
                        answered(webhookId, body, attempt, error == null ? response : null);
                    } catch (RuntimeException e) {
                        log.error("Webhook {}: its answer could not be handled", webhookId, e);
                    }
                });
    }

    /** Counts the answer (none: 0) and retries a delivery that got none, a 5xx or a 429. */
    private void answered(String webhookId, String body, int attempt, @Nullable HttpResponse<String> response) {
        int status = response == null ? 0 : response.statusCode();
        answers.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        if (status == 202) {
            accepted.add(body);
        }
        if (response != null && status < 500 && status != 429) {
            if (status >= 400) {
                log.warn("Webhook {} refused with {}: {}", webhookId, status, response.body());
            }
            return;
        }
        if (attempt >= MAX_ATTEMPTS || scheduler.isShutdown()) {
            log.warn("Webhook {} given up after {} attempts", webhookId, attempt);
            return;
        }
        long backoffMillis = Math.min(30_000, 250L << attempt);
        later(scheduler, () -> attempt(webhookId, body, attempt + 1), backoffMillis);
    }
}
