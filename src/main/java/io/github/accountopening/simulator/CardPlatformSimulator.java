package io.github.accountopening.simulator;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A stand-in for the card platform under {@code /simulator/cards}: one card per idempotency key. */
@RestController
@RequestMapping("/simulator/cards")
@ConditionalOnProperty(name = "simulator.enabled", havingValue = "true")
public class CardPlatformSimulator {

    public record IssuedCard(String cardId, String customerId, String iban) {}

    public record CardRequest(String customer_id, String iban) {}

    private final Map<String, IssuedCard> cardsByKey = new ConcurrentHashMap<>();

    @PostMapping("/v1/virtual-cards")
    ResponseEntity<?> issue(
            @RequestHeader(value = "Idempotency-Key", required = false) @Nullable String key,
            @RequestBody CardRequest request) {
        if (key == null || key.isBlank()) {
            return ResponseEntity.badRequest().body(Map.of("message", "Idempotency-Key header is required"));
        }
        if (request.iban() == null || request.customer_id() == null) {
            return ResponseEntity.badRequest().body(Map.of("message", "customer_id and iban are required"));
        }
        IssuedCard card = cardsByKey.computeIfAbsent(
                key, k -> new IssuedCard("card-" + UUID.randomUUID(), request.customer_id(), request.iban()));
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("card_id", card.cardId()));
    }

    /** Every card ever issued to a customer, for tests that count them. */
    public long cardsIssuedTo(String customerId) {
        return cardsByKey.values().stream()
                .filter(c -> c.customerId().equals(customerId))
                .count();
    }
}
