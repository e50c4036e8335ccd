package io.github.accountopening.card;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code cards.*}: the card platform that issues virtual cards, and how long we wait for it. */
@ConfigurationProperties("cards")
public record CardsProperties(String baseUrl, Duration connectTimeout, Duration readTimeout) {
}
