package dev.flotilla.bench.scaling;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.map.VersionedMap;
import dev.flotilla.lab.fleet.NodeProcess;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Part (a), the cost of each hop: the same gets and puts in-process through grid-core on a key the calling member
 * owns ({@code ipc-local}) and on a key the other member owns ({@code ipc-remote}); then over HTTP to the node that
 * owns the key ({@code http-owner}) and to the node that must forward it to the owner ({@code http-forward}).
 * Both settings have two members and one backup, so puts pay the same backup in every cell.
 *
 * <p>Cells alternate inside each round (local, remote, local, ...) so a noisy neighbour hits both sides alike; each
 * cell runs with one thread (latency of an unloaded call) and with the study's thread count (throughput, CPU).
 */
final class HopCost {
    static final String SECTION = "hops";
    private final StudySettings settings;
    private final StudyLog log;

    HopCost(StudySettings settings, StudyLog log) {
        this.settings = settings;
        this.log = log;
    }

    /** Two members in this JVM, 271 partitions as a node has. */
    List<Cell> inProcess() throws InterruptedException {
        String cluster = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        int portA = LoopbackProfile.freePort();
        int portB = LoopbackProfile.freePort();
        List<String> members = List.of("127.0.0.1:" + portA, "127.0.0.1:" + portB);
        GridConfig.Builder config = GridConfig.builder().clusterName(cluster).bindAddress("127.0.0.1").members(members)
                .property("hazelcast.wait.seconds.before.join", "0")
                .property("hazelcast.max.wait.seconds.before.join", "0");
        log.say("hops: two in-process members (cluster " + cluster + ")");
        try (Grid a = Grid.start(config.port(portA).build()); Grid b = Grid.start(config.port(portB).build())) {
            awaitSafe(a, b);
            VersionedMap map = a.map("hops");
            List<String> keys = Op.keys("k", settings.keys());
            Map<String, String> batch = new LinkedHashMap<>();
            for (String key : keys) {
                batch.put(key, Op.DOCUMENT);
                if (batch.size() == 1000) {
                    map.putAll(batch);
                    batch.clear();
                }
            }
            List<String> local = new ArrayList<>();
            List<String> remote = new ArrayList<>();
            for (String key : keys) {
                boolean mine = a.hazelcast().getPartitionService().getPartition(key).getOwner().localMember();
                (mine ? local : remote).add(key);
            }
            CpuMeter cpu = CpuMeter.selfOnly();
            Map<String, Function<Op, ClosedLoop.Call>> targets = new LinkedHashMap<>();
            targets.put("ipc-local", op -> op.over(map, local));
            targets.put("ipc-remote", op -> op.over(map, remote));
            return alternate(0, targets, cpu);
        }
    }

    /** Over HTTP on a one-node fleet: the same put with no backup to send (the model's baseline for a backup). */
    List<Cell> alone(StudyFleet fleet) throws InterruptedException {
        RemoteMap map = fleet.clientOf(fleet.nodes().get(0)).map("hops");
        List<String> keys = Op.keys("k", settings.keys());
        StudyFleet.load(map, keys, 2);
        List<Cell> cells = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Op op : List.of(Op.GET, Op.PUT)) {
                try (ClosedLoop loop = ClosedLoop.start("http-alone", settings.threads(), op.over(map, keys))) {
                    Cell cell = Cell.of(SECTION, "http-alone", op, 1, "-", settings.threads(), round,
                            loop.measure(settings.warmup(), settings.window(), fleet.cpu()));
                    log.cell(cell);
                    cells.add(cell);
                }
            }
        }
        return cells;
    }

    /** Over HTTP on a formed two-node fleet: every request goes to node 1. */
    List<Cell> overHttp(StudyFleet fleet) throws InterruptedException {
        NodeProcess target = fleet.nodes().get(0);
        FlotillaClient client = fleet.clientOf(target);
        RemoteMap map = client.map("hops");
        List<String> keys = Op.keys("k", settings.keys());
        StudyFleet.load(map, keys, 2);
        Map<String, List<String>> byOwner = new KeyPartitions(271).byOwner(keys, client.partitions());
        List<String> owned = byOwner.getOrDefault(target.memberAddress(), List.of());
        List<String> forwarded = new ArrayList<>();
        byOwner.forEach((owner, k) -> {
            if (!owner.equals(target.memberAddress())) {
                forwarded.addAll(k);
            }
        });
        if (owned.isEmpty() || forwarded.isEmpty()) {
            throw new IllegalStateException("node 1 owns " + owned.size() + " of " + keys.size() + " keys: no hop to compare");
        }
        log.say("hops: " + owned.size() + " keys owned by " + target.label() + ", " + forwarded.size() + " forwarded");
        Map<String, Function<Op, ClosedLoop.Call>> targets = new LinkedHashMap<>();
        targets.put("http-owner", op -> op.over(map, owned));
        targets.put("http-forward", op -> op.over(map, forwarded));
        return alternate(fleet.nodes().size(), targets, fleet.cpu());
    }

    /** Rounds x thread counts x ops x the two targets (in map order), the targets alternating innermost. */
    private List<Cell> alternate(int nodes, Map<String, Function<Op, ClosedLoop.Call>> targets, CpuMeter cpu)
            throws InterruptedException {
        List<Cell> cells = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            for (int threads : List.of(1, settings.threads())) {
                for (Op op : List.of(Op.GET, Op.PUT)) {
                    for (Map.Entry<String, Function<Op, ClosedLoop.Call>> target : targets.entrySet()) {
                        String name = target.getKey();
                        ClosedLoop.Call call = target.getValue().apply(op);
                        try (ClosedLoop loop = ClosedLoop.start(name, threads, call)) {
                            Cell cell = Cell.of(SECTION, name, op, nodes, "-", threads, round,
                                    loop.measure(settings.warmup(), settings.window(), cpu));
                            log.cell(cell);
                            cells.add(cell);
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static void awaitSafe(Grid a, Grid b) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(a.hazelcast().getCluster().getMembers().size() == 2
                && b.hazelcast().getCluster().getMembers().size() == 2
                && a.hazelcast().getPartitionService().isClusterSafe())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the two in-process members did not form a safe cluster in 60 s");
            }
            Thread.sleep(50);
        }
    }
}
