package io.github.accountopening.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code cards.*}: the card platform that issues virtual cards. */
@ConfigurationProperties("cards")
public record CardsProperties(String baseUrl) {
}
