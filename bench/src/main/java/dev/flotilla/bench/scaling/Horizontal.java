package dev.flotilla.bench.scaling;

import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.lab.fleet.NodeProcess;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Part (c), horizontal: the mixed workload over every running node with each {@link Routing} policy, at each
 * cluster size; at one size with one node made slow by a {@link DutyCycle}; and at the largest size one node
 * crashed under load. Every node and the load generator share this machine's cores, so these points show the cost of
 * more nodes on the same hardware, not the gain of more hardware: the model does that.
 */
final class Horizontal {
    static final String SECTION = "horizontal";
    /** The slow node's duty cycle: stopped half of every 100 ms. */
    static final Duration STOPPED = Duration.ofMillis(50);
    static final Duration RUNNING = Duration.ofMillis(50);

    /**
     * How slow the slow node really was, and where each policy sent requests.
     *
     * @param node                the slow node
     * @param plannedStoppedShare the duty cycle's plan
     * @param stoppedShare        measured share of wall time the node was stopped
     * @param cycles              stop/continue cycles done
     * @param requestShare        per routing policy, the share of requests each node got (node label to share)
     */
    record SlowNode(String node, int nodes, double plannedStoppedShare, double stoppedShare, int cycles,
                    Map<String, Map<String, Double>> requestShare) {
    }

    /** Successful and failed calls per second around the crash of one node; {@code crashSecond} is when it was killed. */
    record Crash(int nodes, String node, double crashSecond, double reportedSecond, long[] okPerSecond,
                 long[] failedPerSecond) {
    }

    record Result(List<Cell> cells, Map<Integer, Long> partitionsWithoutBackup, SlowNode slowNode, Crash crash) {
    }

    private final StudySettings settings;
    private final StudyLog log;
    private final List<Cell> cells = new ArrayList<>();
    private final Map<Integer, Long> unbacked = new LinkedHashMap<>();
    private SlowNode slowNode;
    private Crash crash;

    Horizontal(StudySettings settings, StudyLog log) {
        this.settings = settings;
        this.log = log;
    }

    /** The cells at the fleet's current size (and the slow-node cells when it is {@link StudySettings#slowAt()}). */
    void measureAt(StudyFleet fleet, List<String> keys) throws InterruptedException {
        int n = fleet.nodes().size();
        PartitionsView table = fleet.clientOf(fleet.nodes().get(0)).partitions();
        unbacked.put(n, table.partitions().stream().filter(p -> p.backups() == null || p.backups().isEmpty()).count());
        for (int round = 1; round <= settings.horizontalRounds(); round++) {
            for (Routing routing : Routing.values()) {
                cells.add(measure(fleet, keys, routing, "healthy", round, null));
            }
        }
        if (n == settings.slowAt() && n > 1) {
            NodeProcess slow = fleet.nodes().get(n - 1);
            Map<String, Map<String, Double>> shares = new LinkedHashMap<>();
            try (DutyCycle duty = DutyCycle.start(slow, STOPPED, RUNNING)) {
                for (int round = 1; round <= settings.horizontalRounds(); round++) {
                    for (Routing routing : Routing.values()) {
                        Map<String, Double> share = new LinkedHashMap<>();
                        cells.add(measure(fleet, keys, routing, "slow-node", round, share));
                        shares.putIfAbsent(routing.id(), share);
                    }
                    // How slow it is: gets sent to it alone, and to a healthy node alone, under the same duty cycle.
                    cells.add(probe(fleet, slow, keys, "probe-slow-node", round));
                    cells.add(probe(fleet, fleet.nodes().get(0), keys, "probe-healthy-node", round));
                }
                duty.close();
                slowNode = new SlowNode(slow.label(), n, STOPPED.toMillis() / (double) (STOPPED.toMillis()
                        + RUNNING.toMillis()), duty.stoppedShare(), duty.cycles(), shares);
                log.say("horizontal: slow node " + slow.label() + " stopped " + Math.round(100 * duty.stoppedShare())
                        + "% of the time over " + duty.cycles() + " cycles");
            }
        }
    }

    private Cell measure(StudyFleet fleet, List<String> keys, Routing routing, String name, int round,
                         Map<String, Double> share) throws InterruptedException {
        List<NodeProcess> nodes = fleet.nodes();
        FlotillaClient client = fleet.client(nodes.stream().map(NodeProcess::http).toList(), routing);
        RemoteMap map = client.map("scaling");
        Map<URI, Long> before = requests(client);
        try (ClosedLoop loop = ClosedLoop.start("horizontal", settings.threads(), Op.MIX.over(map, keys))) {
            Cell cell = Cell.of(SECTION, name, Op.MIX, nodes.size(), routing.id(), settings.threads(), round,
                    loop.measure(settings.warmup(), settings.window(), fleet.cpu()));
            log.cell(cell);
            if (share != null) {
                Map<URI, Long> after = requests(client);
                double total = after.entrySet().stream().mapToLong(e -> e.getValue() - before.getOrDefault(e.getKey(), 0L)).sum();
                for (NodeProcess node : nodes) {
                    long sent = after.getOrDefault(node.http(), 0L) - before.getOrDefault(node.http(), 0L);
                    share.put(node.label(), total > 0 ? sent / total : 0);
                }
            }
            return cell;
        } finally {
            client.close();
        }
    }

    private Cell probe(StudyFleet fleet, NodeProcess node, List<String> keys, String name, int round)
            throws InterruptedException {
        RemoteMap map = fleet.clientOf(node).map("scaling");
        try (ClosedLoop loop = ClosedLoop.start(name, settings.threads(), Op.GET.over(map, keys))) {
            Cell cell = Cell.of(SECTION, name, Op.GET, fleet.nodes().size(), "-", settings.threads(), round,
                    loop.measure(settings.warmup(), settings.window(), fleet.cpu()));
            log.cell(cell);
            return cell;
        }
    }

    private static Map<URI, Long> requests(FlotillaClient client) {
        Map<URI, Long> sent = new LinkedHashMap<>();
        for (EndpointStatus status : client.endpoints()) {
            sent.put(status.uri(), status.requests());
        }
        return sent;
    }

    /** Crashes the fleet's last node (SIGKILL) while the mixed load runs with round robin; records each second. */
    void crashOne(StudyFleet fleet, List<String> keys) throws InterruptedException {
        List<NodeProcess> nodes = fleet.nodes();
        NodeProcess victim = nodes.get(nodes.size() - 1);
        FlotillaClient client = fleet.client(nodes.stream().map(NodeProcess::http).toList(), Routing.ROUND_ROBIN);
        Duration before = settings.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(3);
        Duration after = settings.quick() ? Duration.ofSeconds(2) : Duration.ofSeconds(6);
        try (ClosedLoop loop = ClosedLoop.start("crash", settings.threads(), Op.MIX.over(client.map("scaling"), keys))) {
            Thread.sleep(before.toMillis());
            double crashAt = loop.elapsedSeconds();
            fleet.fleet().crash(List.of(victim)); // returns when the others agree on the membership without it
            double reported = loop.elapsedSeconds();
            Thread.sleep(after.toMillis());
            int seconds = (int) Math.floor(loop.elapsedSeconds());
            crash = new Crash(nodes.size(), victim.label(), crashAt, reported, loop.okTimeline(seconds),
                    loop.failedTimeline(seconds));
            log.say("horizontal: crashed " + victim.label() + " at " + Math.round(crashAt * 10) / 10.0 + " s, removed by "
                    + Math.round(reported * 10) / 10.0 + " s; last failure: " + loop.lastFailure());
        } finally {
            client.close();
        }
    }

    Result result() {
        return new Result(List.copyOf(cells), Map.copyOf(unbacked), slowNode, crash);
    }
}
