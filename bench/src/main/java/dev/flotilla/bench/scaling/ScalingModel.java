package dev.flotilla.bench.scaling;

import java.util.ArrayList;
import java.util.List;

/**
 * A model, not a measurement: throughput and latency of the mixed workload on 1 to 32 machines, projected from
 * the CPU each operation and each hop cost on the measured nodes.
 *
 * <p>Throughput is CPU-bound: each machine has {@code coresPerMachine} cores, all spent serving (clients run
 * elsewhere), so {@code X(n) = n * cores / cpu(n)} with the CPU one operation costs the cluster
 * <pre>
 *   cpu(n) = r * get + w * put                  serving at the owner (r reads, w = 1 - r writes)
 *          + hop(n) * (r * getHop + w * putHop)  forwarding to the owner: hop(n) = (n-1)/n of requests land on a
 *                                                node that does not own the key, 0 with owner-aware routing
 *          + w * min(backups, n-1) * backup      one synchronous backup per write and backup, when a member holds it
 * </pre>
 * Latency at low load adds the network: {@code p50(n) = owner + rtt + hop(n) * (getHop/putHop latency + rtt)
 * + w * [n > 1] * rtt} (the backup's round trip). The same costs on one machine shared by every node and the load
 * generator give {@link #sharedMachine}: {@code X = machineCores / (cpu(n) + client)}, the curve the measured
 * points should follow here.
 *
 * <p>What it leaves out, on purpose: contention and coordination that grow with n (heartbeats, partition table
 * updates), the network's bandwidth, skew between nodes, and migrations. It is a line to compare the measured
 * points with, not a promise.
 *
 * @param getMicros         node CPU of a get served by its owner
 * @param putMicros         node CPU of a put served by its owner, without its backup
 * @param getHopMicros      node CPU a forwarded get adds
 * @param putHopMicros      node CPU a forwarded put adds
 * @param backupMicros      node CPU one synchronous backup of a write adds
 * @param clientMicros      client CPU of one call (HTTP client, JSON)
 * @param readFraction      share of gets in the workload
 * @param backups           the maps' backup count
 * @param coresPerMachine   cores of each projected machine
 * @param ownerLatencyMicros p50 of an unloaded call to the owner, on loopback
 * @param getHopLatencyMicros p50 a forwarded get adds on loopback
 * @param putHopLatencyMicros p50 a forwarded put adds on loopback
 * @param rttMicros         the assumed network round trip between two machines
 */
record ScalingModel(double getMicros, double putMicros, double getHopMicros, double putHopMicros, double backupMicros,
                    double clientMicros, double readFraction, int backups, int coresPerMachine,
                    double ownerLatencyMicros, double getHopLatencyMicros, double putHopLatencyMicros,
                    double rttMicros) {

    /** The network round trip the projection assumes: a same-datacenter network. */
    static final double DEFAULT_RTT_MICROS = 200;

    /** One projected point. */
    record Point(int machines, String routing, boolean ownerAware, double cpuMicrosPerOp, double opsPerSecond,
                 double p50Micros) {
    }

    /** Share of requests that land on a node not owning the key. */
    static double hopShare(int machines, boolean ownerAware) {
        if (machines < 1) {
            throw new IllegalArgumentException("machines must be positive, was " + machines);
        }
        return ownerAware ? 0 : (machines - 1) / (double) machines;
    }

    double writeFraction() {
        return 1 - readFraction;
    }

    /** Cluster CPU of one operation, in µs. */
    double cpuMicrosPerOp(int machines, boolean ownerAware) {
        double r = readFraction;
        double w = writeFraction();
        return r * getMicros + w * putMicros
                + hopShare(machines, ownerAware) * (r * getHopMicros + w * putHopMicros)
                + w * Math.min(backups, machines - 1) * backupMicros;
    }

    /** Operations per second of {@code machines} machines of {@code coresPerMachine} cores. */
    double opsPerSecond(int machines, boolean ownerAware) {
        return machines * coresPerMachine * 1e6 / cpuMicrosPerOp(machines, ownerAware);
    }

    /** Operations per second when {@code nodes} nodes and the load generator share {@code machineCores} cores. */
    double sharedMachine(int nodes, boolean ownerAware, int machineCores) {
        return machineCores * 1e6 / (cpuMicrosPerOp(nodes, ownerAware) + clientMicros);
    }

    /** p50 of an unloaded call across a network with round trip {@code rttMicros}. */
    double p50Micros(int machines, boolean ownerAware) {
        double r = readFraction;
        double w = writeFraction();
        double hop = hopShare(machines, ownerAware) * (r * getHopLatencyMicros + w * putHopLatencyMicros + rttMicros);
        double backup = machines > 1 && backups > 0 ? w * rttMicros : 0;
        return ownerLatencyMicros + rttMicros + hop + backup;
    }

    /** The projection for every machine count in {@code machines} and every routing policy. */
    List<Point> project(List<Integer> machines, List<Routing> routings, boolean withOwnerAware) {
        List<Point> points = new ArrayList<>();
        for (int n : machines) {
            for (Routing routing : routings) {
                points.add(point(n, routing.id(), routing.ownerAware()));
            }
            if (withOwnerAware && routings.stream().noneMatch(Routing::ownerAware)) {
                points.add(point(n, "owner-aware (projected)", true));
            }
        }
        return points;
    }

    private Point point(int n, String routing, boolean ownerAware) {
        return new Point(n, routing, ownerAware, cpuMicrosPerOp(n, ownerAware), opsPerSecond(n, ownerAware),
                p50Micros(n, ownerAware));
    }
}
