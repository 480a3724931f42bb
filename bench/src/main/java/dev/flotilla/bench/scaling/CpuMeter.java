package dev.flotilla.bench.scaling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * CPU time of the bench's own JVM, of the node processes and of the whole machine, so each cell can say how much
 * CPU one operation cost on the client side and on the nodes, and how much the machine's other tenants took.
 * Reads {@code /proc} (Linux); where it cannot, the figures are NaN, never a guess.
 */
final class CpuMeter {
    private static final double TICK_NANOS = 1e9 / 100; // USER_HZ: 100 on every Linux the JDK runs on
    private final Supplier<List<Long>> nodePids;

    /** A meter of this JVM and of the processes {@code nodePids} lists at each snapshot. */
    CpuMeter(Supplier<List<Long>> nodePids) {
        this.nodePids = nodePids;
    }

    /** A meter of this JVM only (in-process cells). */
    static CpuMeter selfOnly() {
        return new CpuMeter(List::of);
    }

    record Snapshot(long selfNanos, List<Long> pids, List<Double> nodeNanos, double machineBusyNanos,
                    double machineTotalNanos) {
    }

    /**
     * CPU used during a window, in cores (CPU seconds per second).
     *
     * @param client  this JVM: the load generator (and, in-process, the members too)
     * @param nodes   the node processes together
     * @param others  what else ran on the machine (other sessions' builds and benchmarks)
     * @param machine every core's busy time
     */
    record Usage(double client, double nodes, double others, double machine) {
    }

    Snapshot snapshot() {
        long self = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        List<Long> pids = nodePids.get();
        List<Double> nodes = new ArrayList<>();
        for (long pid : pids) {
            nodes.add(processNanos(pid));
        }
        double[] machine = machineNanos();
        return new Snapshot(self, pids, nodes, machine[0], machine[1]);
    }

    Usage usage(Snapshot before, Snapshot after) {
        double wallNanos = (after.machineTotalNanos() - before.machineTotalNanos())
                / Runtime.getRuntime().availableProcessors();
        if (!(wallNanos > 0)) {
            return new Usage(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double client = (after.selfNanos() - before.selfNanos()) / wallNanos;
        double nodes = 0;
        for (int i = 0; i < after.pids().size(); i++) {
            int was = before.pids().indexOf(after.pids().get(i));
            if (was >= 0) {
                nodes += (after.nodeNanos().get(i) - before.nodeNanos().get(was)) / wallNanos;
            }
        }
        double machine = (after.machineBusyNanos() - before.machineBusyNanos()) / wallNanos;
        return new Usage(client, nodes, Math.max(0, machine - client - nodes), machine);
    }

    /** utime + stime of a process, from /proc/PID/stat (fields 14 and 15), or NaN. */
    static double processNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Busy and total time of all cores, from /proc/stat's first line, or NaN. */
    private static double[] machineNanos() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new double[]{(total - idle) * TICK_NANOS, total * TICK_NANOS};
        } catch (IOException | RuntimeException e) {
            return new double[]{Double.NaN, Double.NaN};
        }
    }
}
