package io.github.accountopening.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code nexusbank.*}: where the provider is, the key we call it with, and the webhook secrets
 * ({@code whsec_...}, several while they rotate).
 */
@ConfigurationProperties("nexusbank")
public record NexusBankProperties(String baseUrl, String apiKey, List<String> webhookSecret,
                                  Duration connectTimeout, Duration readTimeout) {

    public NexusBankProperties {
        // none set is no secret, which the verifier refuses at start-up
        webhookSecret = webhookSecret == null ? List.of() : List.copyOf(webhookSecret);
    }
}
