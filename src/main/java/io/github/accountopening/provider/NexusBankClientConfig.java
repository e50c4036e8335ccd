package io.github.accountopening.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.accountopening.config.FeignClients;
import io.github.accountopening.config.NexusBankProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * NexusBank's Feign client. No HTTP-level retry: a POST is retried only by the job executor, and only
 * with its idempotency key.
 */
@Configuration
class NexusBankClientConfig {

    @Bean
    NexusBankApi nexusBankApi(NexusBankProperties nexusBank, ObjectMapper json) {
        ObjectMapper snakeCase = FeignClients.snakeCase(json);
        return FeignClients.json(snakeCase, nexusBank.connectTimeout(), nexusBank.readTimeout())
                .errorDecoder(new NexusBankErrorDecoder(json))
                .requestInterceptor(t -> t.header("Authorization", "Bearer " + nexusBank.apiKey()))
                .target(NexusBankApi.class, nexusBank.baseUrl());
    }
}
