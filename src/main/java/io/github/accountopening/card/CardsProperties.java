package io.github.accountopening.card;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code cards.*}: the card platform that issues virtual cards, and how long we wait for it. */
@ConfigurationProperties("cards")
public record CardsProperties(String baseUrl, Duration connectTimeout, Duration readTimeout) {}
