package io.github.accountopening.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server started from a Maven dependency, once per test JVM (it stops itself when
 * the JVM exits); each application context gets a fresh database of its own on it. Contexts on it are
 * closed after their test class, while the server still runs.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private static final AtomicInteger databases = new AtomicInteger();

    private EmbeddedPostgres() {}

    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL server", e);
            }
        }
        return server;
    }

    /** Points an application under test at a new empty database of its own. */
    public static void useNewDatabase(DynamicPropertyRegistry registry) {
        newDatabaseSettings().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The datasource settings of a new empty database, for an application started with settings of its own. */
    public static Map<String, Object> newDatabaseSettings() {
        return Map.of(
                "spring.datasource.url",
                newDatabase(),
                "spring.datasource.username",
                "postgres",
                "spring.datasource.password",
                "postgres");
    }

    /** Creates a new empty database and returns its JDBC URL. */
    public static String newDatabase() {
        String name = "account_opening_" + databases.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }
}
