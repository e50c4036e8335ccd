package io.github.accountopening.card;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/** The card platform's Feign client, with its own timeouts. No HTTP-level retry: the job executor retries, with the idempotency key. */
@Configuration
class CardPlatformClientConfig {

    @Bean
    CardPlatformApi cardPlatformApi(CardsProperties cards, ObjectMapper json) {
        ObjectMapper snakeCase = json.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return Feign.builder()
                .encoder(new JacksonEncoder(snakeCase))
                .decoder(new JacksonDecoder(snakeCase))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(cards.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        cards.readTimeout().toMillis(), TimeUnit.MILLISECONDS, true))
                .target(CardPlatformApi.class, cards.baseUrl());
    }
}
