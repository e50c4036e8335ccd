package io.github.accountopening.support;

import java.util.HashMap;
import java.util.Map;

/** A two-node cluster under test: one PostgreSQL database, one Redis shield, one set of simulators. */
public final class TwoNodes {

    private TwoNodes() {}

    /**
     * What both nodes share: a new database, the Redis shield on {@code redisPort}, the simulators of
     * the node on {@code simulatorsPort} (a cluster uses one NexusBank), whose webhooks go to the node
     * on {@code webhookPort}. A mutable map, for each test's own timings.
     */
    public static Map<String, Object> sharedSettings(int redisPort, int simulatorsPort, int webhookPort) {
        Map<String, Object> settings = new HashMap<>(EmbeddedPostgres.newDatabaseSettings());
        settings.put("account-opening.dedup.store", "redis");
        settings.put("spring.data.redis.port", redisPort);
        settings.putAll(Simulators.servedOn(simulatorsPort));
        settings.put("simulator.webhook-url", Simulators.webhookUrl(webhookPort));
        return settings;
    }
}
