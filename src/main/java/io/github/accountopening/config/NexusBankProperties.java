package io.github.accountopening.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code nexusbank.*}: where the provider is, the key we call it with, and the webhook secrets
 * ({@code whsec_...}, several while they rotate).
 */
@ConfigurationProperties("nexusbank")
public record NexusBankProperties(
        String baseUrl, String apiKey, List<String> webhookSecret, Duration connectTimeout, Duration readTimeout) {

    public NexusBankProperties {
        // none set is no secret, which the verifier refuses at start-up
        webhookSecret = webhookSecret == null ? List.of() : List.copyOf(webhookSecret);
    }
}
