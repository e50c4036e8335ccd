package io.github.accountopening.webhook;

import io.github.accountopening.config.AccountOpeningProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The shield of a cluster: {@code SET key 1 NX PX ttl} in Redis, so a burst split across nodes is
 * absorbed once. A Redis that cannot be reached lets everything through, with a warning and a metric:
 * the shield only saves work, the account record's forward-only transitions keep it right.
 */
@Component
@ConditionalOnProperty(name = "account-opening.dedup.store", havingValue = "redis")
class RedisDuplicateShield implements DuplicateShield {

    private static final Logger log = LoggerFactory.getLogger(RedisDuplicateShield.class);

    private final StringRedisTemplate redis;
    private final Duration ttl;
    private final Counter unavailable;

    RedisDuplicateShield(StringRedisTemplate redis, AccountOpeningProperties properties, MeterRegistry meters) {
        this.redis = redis;
        this.ttl = properties.dedup().ttl();
        this.unavailable = Counter.builder("account.opening.dedup.unavailable")
                .description("Shield look-ups that passed through because Redis could not be reached")
                .register(meters);
    }

    @Override
    public boolean claim(String key) {
        try {
            return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(key, "1", ttl));
        } catch (DataAccessException e) {
            unavailable.increment();
            log.warn("Duplicate shield unavailable, letting {} through: {}", key, e.getMessage());
            return true;
        }
    }

    @Override
    public void release(String key) {
        try {
            redis.delete(key);
        } catch (DataAccessException e) {
            log.warn("Duplicate shield unavailable, could not release {}: {}", key, e.getMessage());
        }
    }

    /** For the health group: whether Redis answers right now. */
    boolean isReachable() {
        try {
            return "PONG".equals(redis.execute((RedisCallback<String>) c -> c.ping()));
        } catch (DataAccessException e) {
            return false;
        }
    }
}
