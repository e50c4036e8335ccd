package io.github.accountopening.support;

import static org.awaitility.Awaitility.await;

import io.github.accountopening.AccountOpeningApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The application as an operating-system process of its own, which a test can kill with SIGKILL. */
public final class ChildProcessApp {

    private final List<String> command;
    private final Map<String, Object> settings;
    private final Path log;
    private final int port;
    private Process process;

    public ChildProcessApp(Map<String, Object> settings, int port, Path log) {
        this.port = port;
        this.log = log;
        this.settings = Map.copyOf(settings);
        this.command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx768m",
                "-cp",
                classPath(),
                AccountOpeningApplication.class.getName(),
                "--server.port=" + port));
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
    }

    /**
     * This JVM's class path: under Maven Surefire the real one is in {@code surefire.test.class.path}.
     * Each entry once, or the engine would find the BPMN twice and refuse to deploy it.
     */
    static String classPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return String.join(
                java.io.File.pathSeparator,
                new java.util.LinkedHashSet<>(List.of(classPath.split(java.io.File.pathSeparator))));
    }

    /** Starts the process and waits until its health check answers. */
    public void start() {
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Api api = new Api(port);
        // Generous: a build machine shared with other builds may start it several times slower than alone.
        await().atMost(Duration.ofMinutes(5))
                .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("the application process exited:\n" + tail());
                    }
                    return api.get("/actuator/health", null, null).status() == 200;
                });
    }

    private String tail() throws IOException {
        List<String> lines = java.nio.file.Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    public void kill() {
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            await().atMost(Duration.ofSeconds(60)).until(() -> !process.isAlive());
        }
    }

    public String setting(String key) {
        return String.valueOf(settings.get(key));
    }

    /** Heap in use right after a full collection, as the application's own metrics report it. */
    public long heapAfterFullGc() throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(process.pid()),
                        "GC.run")
                .redirectErrorStream(true)
                .start();
        jcmd.getInputStream().readAllBytes();
        jcmd.waitFor();
        return api().get("/actuator/metrics/jvm.memory.used?tag=area:heap", "demo", "demo")
                .json()
                .at("/measurements/0/value")
                .asLong();
    }

    public Api api() {
        return new Api(port);
    }

    /** The operating system's id of the process, for a profiler or its CPU time. */
    public long pid() {
        return process.pid();
    }
}
