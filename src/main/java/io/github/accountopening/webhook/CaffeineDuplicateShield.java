package io.github.accountopening.webhook;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.accountopening.config.AccountOpeningProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The shield of a single node: an in-memory Caffeine cache whose keys expire after {@code account-opening.dedup.ttl}. */
@Component
@ConditionalOnProperty(name = "account-opening.dedup.store", havingValue = "memory", matchIfMissing = true)
class CaffeineDuplicateShield implements DuplicateShield {

    private final Cache<String, Boolean> seen;

    CaffeineDuplicateShield(AccountOpeningProperties properties) {
        this.seen = Caffeine.newBuilder()
                .expireAfterWrite(properties.dedup().ttl())
                .maximumSize(1_000_000)
                .build();
    }

    @Override
    public boolean claim(String key) {
        return seen.asMap().putIfAbsent(key, Boolean.TRUE) == null;
    }

    @Override
    public void release(String key) {
        seen.invalidate(key);
    }
}
