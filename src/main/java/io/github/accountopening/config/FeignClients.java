package io.github.accountopening.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import feign.Feign;
import feign.Request;
import feign.Retryer;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What every client of another system shares; each builds its own on top, in its own package. */
public final class FeignClients {

    private FeignClients() {
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
                .options(new Request.Options(connectTimeout.toMillis(), TimeUnit.MILLISECONDS,
                        readTimeout.toMillis(), TimeUnit.MILLISECONDS, true));
    }
}
