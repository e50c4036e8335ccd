package io.github.accountopening.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each process of the benchmark, read from /proc: the application, the simulated
 * providers, the load generator (this JVM) and every PostgreSQL process (with the backends that
 * have already exited, counted in the server's children's time). Two readings tell what one phase
 * cost each of them.
 */
final class CpuTime {

    /** Clock ticks a second of /proc/[pid]/stat: 100 on Linux amd64. */
    private static final double TICKS = 100.0;

    private CpuTime() {}

    /** Seconds of CPU used so far by each process named. */
    static Map<String, Double> read(long app, long providers) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put("application", ofProcess(app, false));
        seconds.put("PostgreSQL", postgres());
        seconds.put("load generator", ofProcess(ProcessHandle.current().pid(), false));
        seconds.put("simulated providers", ofProcess(providers, false));
        return seconds;
    }

    /** What the phase between two readings cost each process, in milliseconds per request. */
    static Map<String, Double> perRequest(Map<String, Double> before, Map<String, Double> after, long requests) {
        Map<String, Double> ms = new LinkedHashMap<>();
        before.forEach((name, seconds) -> ms.put(name, (after.get(name) - seconds) * 1000 / requests));
        return ms;
    }

    private static double postgres() {
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            return processes
                    .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> "postgres".equals(read(p.resolve("comm")).trim()))
                    .mapToDouble(p -> ofProcess(Long.parseLong(p.getFileName().toString()), true))
                    .sum();
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static double ofProcess(long pid, boolean withChildren) {
        String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
        if (stat.isEmpty()) {
            return 0;
        }
        // fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15, cutime 16, cstime
        // 17
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        if (withChildren) {
            ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
        }
        return ticks / TICKS;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // the process has gone
        }
    }
}
