package io.github.accountopening.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.auth.BasicAuthRequestInterceptor;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.github.accountopening.card.CardPlatformApi;
import io.github.accountopening.provider.NexusBankApi;
import io.github.accountopening.provider.NexusBankErrorDecoder;
import io.github.accountopening.ticket.JiraApi;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * Feign clients for NexusBank, the card platform and Jira. No HTTP-level retry: a POST is retried
 * only by the job executor, and only with its idempotency key.
 */
@Configuration
class HttpClientsConfig {

    @Bean
    NexusBankApi nexusBankApi(NexusBankProperties nexusBank, ObjectMapper json) {
        ObjectMapper snakeCase = snakeCase(json);
        return Feign.builder()
                .encoder(new JacksonEncoder(snakeCase))
                .decoder(new JacksonDecoder(snakeCase))
                .errorDecoder(new NexusBankErrorDecoder(json))
                .retryer(Retryer.NEVER_RETRY)
                .options(options(nexusBank))
                .requestInterceptor(t -> t.header("Authorization", "Bearer " + nexusBank.apiKey()))
                .target(NexusBankApi.class, nexusBank.baseUrl());
    }

    @Bean
    CardPlatformApi cardPlatformApi(CardsProperties cards, NexusBankProperties nexusBank, ObjectMapper json) {
        ObjectMapper snakeCase = snakeCase(json);
        return Feign.builder()
                .encoder(new JacksonEncoder(snakeCase))
                .decoder(new JacksonDecoder(snakeCase))
                .retryer(Retryer.NEVER_RETRY)
                .options(options(nexusBank))
                .target(CardPlatformApi.class, cards.baseUrl());
    }

    @Bean
    JiraApi jiraApi(JiraProperties jira, NexusBankProperties nexusBank, ObjectMapper json) {
        ObjectMapper plain = json.copy()
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return Feign.builder()
                .encoder(new JacksonEncoder(plain))
                .decoder(new JacksonDecoder(plain))
                .retryer(Retryer.NEVER_RETRY)
                .options(options(nexusBank))
                .requestInterceptor(new BasicAuthRequestInterceptor(jira.user(), jira.apiToken()))
                .target(JiraApi.class, jira.baseUrl());
    }

    private static ObjectMapper snakeCase(ObjectMapper json) {
        return json.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    private static Request.Options options(NexusBankProperties timeouts) {
        return new Request.Options(timeouts.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                timeouts.readTimeout().toMillis(), TimeUnit.MILLISECONDS, true);
    }
}
