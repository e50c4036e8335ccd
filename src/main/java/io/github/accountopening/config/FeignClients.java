package io.github.accountopening.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What every client of another system shares; each builds its own on top, in its own package. */
public final class FeignClients {

    private FeignClients() {}

    /** The application's JSON in NexusBank's and the card platform's snake_case, tolerant of fields added later. */
    public static ObjectMapper snakeCase(ObjectMapper json) {
        return json.copy()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * JSON both ways, the system's own timeouts, and no HTTP-level retry: a call is retried only by the
     * job executor, and a POST only with its idempotency key.
     */
    public static Feign.Builder json(ObjectMapper json, Duration connectTimeout, Duration readTimeout) {
        return Feign.builder()
                .encoder(new JacksonEncoder(json))
                .decoder(new JacksonDecoder(json))
                .retryer(Retryer.NEVER_RETRY)
                .options(new Request.Options(
                        connectTimeout.toMillis(),
                        TimeUnit.MILLISECONDS,
                        readTimeout.toMillis(),
                        TimeUnit.MILLISECONDS,
                        true));
    }
}
