package io.github.accountopening.webhook;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Health of the shared duplicate shield, where one is configured. A Redis that is down costs speed,
 * not correctness, so it reports {@code DEGRADED}-style details under UP rather than taking the node
 * out of the load balancer.
 */
@Component("duplicateShield")
@ConditionalOnProperty(name = "account-opening.dedup.store", havingValue = "redis")
class DuplicateShieldHealthIndicator implements HealthIndicator {

    private final RedisDuplicateShield shield;

    DuplicateShieldHealthIndicator(RedisDuplicateShield shield) {
        this.shield = shield;
    }

    @Override
    public Health health() {
        boolean reachable = shield.isReachable();
        return Health.up()
                .withDetail("store", "redis")
                .withDetail("reachable", reachable)
                .withDetail("mode", reachable ? "shielding" : "pass-through: duplicates reach the database")
                .build();
    }
}
