package io.github.accountopening.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * async-profiler attached to the application's JVM for one phase: CPU samples every millisecond, a
 * flame graph ({@code profile-<name>.html}) and the collapsed stacks ({@code .collapsed}) in the
 * report's folder, and where the CPU went by library. The native library comes from the
 * {@code tools.profiler:async-profiler} jar of the bench profile and is loaded with {@code jcmd}, so
 * the application carries nothing of it. {@code -Dbench.profile=false} turns it off.
 */
final class Profiler {

    static final boolean ENABLED = Boolean.parseBoolean(System.getProperty("bench.profile", "true"));

    /**
     * Where a sample's CPU went: the frame nearest the leaf that belongs to one of these, so a socket
     * write of the PostgreSQL driver counts as the driver's, a hash lookup inside Hibernate as
     * Hibernate's. A thread of the job executor counts as the work after the acknowledgement.
     */
    private static final Map<String, List<String>> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("PostgreSQL driver and its socket", List.of("org/postgresql/"));
        LIBRARIES.put("connection pool", List.of("com/zaxxer/hikari/"));
        LIBRARIES.put("Camunda engine, on request threads", List.of("org/camunda/", "org/apache/ibatis/"));
        LIBRARIES.put("Hibernate and JPA", List.of("org/hibernate/", "jakarta/persistence/"));
        LIBRARIES.put(
                "Spring transactions and data",
                List.of(
                        "org/springframework/transaction/",
                        "org/springframework/orm/",
                        "org/springframework/jdbc/",
                        "org/springframework/data/",
                        "org/springframework/aop/",
                        "org/springframework/dao/"));
        LIBRARIES.put("logging", List.of("ch/qos/logback/", "org/slf4j/"));
        LIBRARIES.put("metrics", List.of("io/micrometer/"));
        LIBRARIES.put("signature (HMAC-SHA256)", List.of("com/standardwebhooks/", "javax/crypto/", "com/sun/crypto/"));
        LIBRARIES.put("duplicate shield (Caffeine)", List.of("com/github/benmanes/caffeine/"));
        LIBRARIES.put("JSON", List.of("com/fasterxml/jackson/"));
        LIBRARIES.put("Spring Security filters", List.of("org/springframework/security/"));
        LIBRARIES.put("Spring MVC", List.of("org/springframework/web/", "org/springframework/http/"));
        LIBRARIES.put("Tomcat and HTTP", List.of("org/apache/catalina/", "org/apache/coyote/", "org/apache/tomcat/"));
        LIBRARIES.put("our code", List.of("io/github/accountopening/"));
    }

    private final Path dir;
    private final Path library;

    Profiler(Path dir) throws IOException {
        this.dir = dir;
        this.library = dir.resolve("libasyncProfiler.so");
        try (InputStream in = Profiler.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
            if (in == null) {
                throw new IllegalStateException(
                        "tools.profiler:async-profiler (linux-x64) is not on the class path: run with -Pbench");
            }
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void start(long pid) throws IOException, InterruptedException {
        jcmd(pid, "start,event=cpu,interval=1ms");
    }

    /** Stops, writes the flame graph and the collapsed stacks, and returns the share of samples per library. */
    Map<String, Double> stop(long pid, String name, String title) throws IOException, InterruptedException {
        Path collapsed = dir.resolve("profile-" + name + ".collapsed");
        jcmd(pid, "dump,collapsed,file=" + collapsed.toAbsolutePath());
        jcmd(
                pid,
                "stop,title=" + title.replace(' ', '_').replace(',', '_') + ",file="
                        + dir.resolve("profile-" + name + ".html").toAbsolutePath());
        return shares(Files.readAllLines(collapsed));
    }

    /** Shares of the samples by library, largest first. */
    static Map<String, Double> shares(List<String> collapsed) {
        Map<String, Long> samples = new LinkedHashMap<>();
        long total = 0;
        for (String line : collapsed) {
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            long count = Long.parseLong(line.substring(space + 1));
            samples.merge(category(line.substring(0, space).split(";")), count, Long::sum);
            total += count;
        }
        Map<String, Double> shares = new LinkedHashMap<>();
        long all = total;
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) all));
        return shares;
    }

    static String category(String[] frames) {
        String stack = String.join(";", frames);
        if (stack.contains("org/camunda/bpm/engine/impl/jobexecutor/")) {
            return "job executor: the work after the acknowledgement";
        }
        for (int i = frames.length - 1; i >= 0; i--) {
            for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
                for (String prefix : library.getValue()) {
                    if (frames[i].startsWith(prefix)) {
                        return library.getKey();
                    }
                }
            }
        }
        if (stack.contains("CompileBroker") || stack.contains("Compiler")) {
            return "JIT compiler";
        }
        if (stack.contains("GC") || stack.contains("G1") || stack.contains("Gang")) {
            return "garbage collector";
        }
        return stack.contains("/") ? "JDK and other Java" : "other JVM threads";
    }

    private void jcmd(long pid, String command) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(pid),
                        "JVMTI.agent_load",
                        library.toAbsolutePath().toString(),
                        "\"" + command + "\"")
                .redirectErrorStream(true)
                .start();
        String out = new String(jcmd.getInputStream().readAllBytes());
        if (jcmd.waitFor() != 0 || out.contains("ERROR")) {
            throw new IllegalStateException("async-profiler " + command + ": " + out);
        }
    }
}
