package io.github.accountopening.webhook;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.github.accountopening.account.ReportFields;
import io.github.accountopening.config.NexusBankProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Standard Webhooks 1.0 signatures (headers named {@code webhook-*}, or {@code svix-*} as Svix names them): {@code v1,<base64 HMAC-SHA256>} over {@code id.timestamp.body},
 * checked in constant time by the Standard Webhooks library, with one verifier per secret while
 * secrets rotate. Missing headers are the sender's mistake (400); a wrong signature or a timestamp
 * more than five minutes off is a request we cannot trust (401).
 */
@Component
public final class WebhookVerifier {

    public static final String ID = "webhook-id";
    static final String BAD_SIGNATURE = "bad_signature";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";
    /** The same three headers as senders that deliver through Svix name them. */
    static final List<String> SVIX = List.of("svix-id", "svix-timestamp", "svix-signature");

    private static final List<String> STANDARD = List.of(ID, TIMESTAMP, SIGNATURE);
    static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final List<Webhook> verifiers;
    private final Clock clock;

    @Autowired
    public WebhookVerifier(NexusBankProperties properties) throws EmptyWebhookSecretException {
        this(properties.webhookSecret(), Clock.systemUTC());
    }

    /** Refuses no secret at all, and a secret whose key is empty, as the library does: the start stops on it. */
    WebhookVerifier(List<String> secrets, Clock clock) throws EmptyWebhookSecretException {
        List<Webhook> verifiers = new ArrayList<>();
        for (String secret : secrets == null ? List.<String>of() : secrets) {
            // a blank between two commas is a slip in a rotation list, not a secret
            if (secret != null && !secret.isBlank()) {
                verifiers.add(new Webhook(secret.trim()));
            }
        }
        if (verifiers.isEmpty()) {
            throw new EmptyWebhookSecretException("no webhook secret is set");
        }
        this.verifiers = List.copyOf(verifiers);
        this.clock = clock;
    }

    /**
     * Returns the webhook id of a delivery whose signature one of our secrets made. Every refusal names
     * the headers the sender used: {@code svix-*} ones for a delivery through Svix.
     */
    public String verify(String body, Map<String, List<String>> received) {
        List<String> names = namesUsed(received);
        Map<String, List<String>> headers = standardHeaders(received, names);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < STANDARD.size(); i++) {
            if (first(headers, STANDARD.get(i)) == null) {
                missing.add(names.get(i));
            }
        }
        if (!missing.isEmpty()) {
            throw new WebhookRejectedException(
                    HttpStatus.BAD_REQUEST,
                    "missing_headers",
                    "missing webhook headers: " + String.join(", ", missing)
                            + (names == SVIX ? "" : " (or all three of " + String.join(", ", SVIX) + ")"));
        }
        String id = Objects.requireNonNull(first(headers, ID), "checked above");
        try {
            ReportFields.webhookId(names.get(0), id);
        } catch (ReportFields.InvalidFieldException e) {
            throw new WebhookRejectedException(HttpStatus.BAD_REQUEST, "invalid_field", e.getMessage());
        }
        String sentAt = Objects.requireNonNull(first(headers, TIMESTAMP), "checked above");
        long timestamp;
        try {
            timestamp = Long.parseLong(sentAt.trim());
        } catch (NumberFormatException e) {
            throw new WebhookRejectedException(
                    HttpStatus.BAD_REQUEST,
                    "bad_timestamp",
                    names.get(1) + " must be Unix seconds, was " + ReportFields.shown(sentAt));
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - timestamp);
        if (skew > TOLERANCE.toSeconds()) {
            throw new WebhookRejectedException(
                    HttpStatus.UNAUTHORIZED,
                    "timestamp_out_of_tolerance",
                    names.get(1) + " is " + skew + " s away from our clock; at most " + TOLERANCE.toSeconds()
                            + " s are accepted");
        }
        for (Webhook verifier : verifiers) {
            try {
                verifier.verify(body, headers);
                return id;
            } catch (WebhookVerificationException e) {
                // try the next secret: during a rotation the sender may sign with either
            }
        }
        throw new WebhookRejectedException(
                HttpStatus.UNAUTHORIZED,
                BAD_SIGNATURE,
                names.get(2) + " matches none of our secrets for this " + names.get(0) + ", " + names.get(1)
                        + " and body");
    }

    /** The id a delivery gives itself, under whichever of the two names it uses (for the log, before it is verified). */
    static @Nullable String deliveryId(Map<String, List<String>> received) {
        return first(received, namesUsed(received).get(0));
    }

    /**
     * As the Svix libraries read them: the three {@code svix-*} headers when all of them are there, else
     * the {@code webhook-*} headers, unless the sender uses only {@code svix-*} ones (then the refusal
     * names those it left out); a mix of the two is not a signed delivery.
     */
    private static List<String> namesUsed(Map<String, List<String>> received) {
        if (SVIX.stream().allMatch(name -> first(received, name) != null)) {
            return SVIX;
        }
        boolean svix = SVIX.stream().anyMatch(name -> first(received, name) != null);
        boolean standard = STANDARD.stream().anyMatch(name -> first(received, name) != null);
        return svix && !standard ? SVIX : STANDARD;
    }

    /** The delivery's three headers under their Standard Webhooks names, as the library verifies them. */
    private static Map<String, List<String>> standardHeaders(Map<String, List<String>> received, List<String> names) {
        Map<String, List<String>> headers = new HashMap<>();
        for (int i = 0; i < STANDARD.size(); i++) {
            String value = first(received, names.get(i));
            if (value != null) {
                headers.put(STANDARD.get(i), List.of(value));
            }
        }
        return headers;
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name)
                        && e.getValue() != null
                        && !e.getValue().isEmpty())
                .map(e -> e.getValue().get(0))
                .filter(v -> v != null && !v.isBlank())
                .findFirst()
                .orElse(null);
    }
}
