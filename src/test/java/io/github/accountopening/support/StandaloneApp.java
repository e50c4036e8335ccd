package io.github.accountopening.support;

import io.github.accountopening.AccountOpeningApplication;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application started by a test itself, outside Spring's test support (for jqwik properties and
 * for several nodes at once), on a free port, its settings given as command-line arguments.
 */
public final class StandaloneApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private StandaloneApp(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    public static StandaloneApp start(Map<String, Object> settings, String... profiles) {
        int port = FreePortInitializer.freePort();
        Map<String, Object> all = new LinkedHashMap<>(settings);
        all.putIfAbsent("server.port", port);
        String[] args = all.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(AccountOpeningApplication.class)
                .profiles(profiles)
                .run(args);
        return new StandaloneApp(context, Integer.parseInt(String.valueOf(all.get("server.port"))));
    }

    public int port() {
        return port;
    }

    public Api api() {
        return new Api(port);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Camunda's REST API looks its engine up in a JVM-wide registry: make it this application's. */
    public void serveRest() {
        ProcessEngines.registerProcessEngine(context.getBean(ProcessEngine.class));
    }

    @Override
    public void close() {
        if (context.isActive()) {
            context.close();
        }
    }
}
