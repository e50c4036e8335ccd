package io.github.accountopening.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.config.FeignClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The card platform's Feign client, with its own timeouts. No HTTP-level retry: the job executor retries, with the idempotency key. */
@Configuration
class CardPlatformClientConfig {

    @Bean
    CardPlatformApi cardPlatformApi(CardsProperties cards, ObjectMapper json) {
        ObjectMapper snakeCase = FeignClients.snakeCase(json);
        return FeignClients.json(snakeCase, cards.connectTimeout(), cards.readTimeout())
                .target(CardPlatformApi.class, cards.baseUrl());
    }
}
