package io.github.accountopening.provider;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import io.github.accountopening.config.NexusBankProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * NexusBank's Feign client. No HTTP-level retry: a POST is retried only by the job executor, and only
 * with its idempotency key.
 */
@Configuration
class NexusBankClientConfig {

    @Bean
    NexusBankApi nexusBankApi(NexusBankProperties nexusBank, ObjectMapper json) {
        ObjectMapper snakeCase = json.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        return Feign.builder()
                .encoder(new JacksonEncoder(snakeCase))
                .decoder(new JacksonDecoder(snakeCase))
                .errorDecoder(new NexusBankErrorDecoder(json))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(nexusBank.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                        nexusBank.readTimeout().toMillis(), TimeUnit.MILLISECONDS, true))
                .requestInterceptor(t -> t.header("Authorization", "Bearer " + nexusBank.apiKey()))
                .target(NexusBankApi.class, nexusBank.baseUrl());
    }
}
