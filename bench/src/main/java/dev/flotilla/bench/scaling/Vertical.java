package dev.flotilla.bench.scaling;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.lab.fleet.NodeProcess;

import java.util.ArrayList;
import java.util.List;

/**
 * Part (b), vertical: one node pinned to one core ({@code taskset -c 0}) and then to two ({@code -c 0,1}),
 * alternating within each round. The load generator runs unpinned in this JVM on the same two cores: with one core
 * for the node it has the other to itself, with two it competes with the node for both, so the two-core figure is
 * what one two-core machine serves to a client running on it, not what it would serve remote clients.
 */
final class Vertical {
    static final String SECTION = "vertical";
    private static final List<String> CPU_SETS = List.of("0", "0,1");
    private final StudySettings settings;
    private final StudyLog log;

    Vertical(StudySettings settings, StudyLog log) {
        this.settings = settings;
        this.log = log;
    }

    /** On a fleet of exactly one node; the node is left on every core. */
    List<Cell> run(StudyFleet fleet, List<String> keys) throws InterruptedException {
        NodeProcess node = fleet.nodes().get(0);
        FlotillaClient client = fleet.clientOf(node);
        RemoteMap map = client.map("scaling");
        List<Cell> cells = new ArrayList<>();
        try {
            for (int round = 1; round <= settings.rounds(); round++) {
                for (Op op : List.of(Op.GET, Op.PUT)) {
                    for (String cpus : CPU_SETS) {
                        StudyFleet.pin(node, cpus);
                        try (ClosedLoop loop = ClosedLoop.start("vertical", settings.threads(), op.over(map, keys))) {
                            Cell cell = Cell.of(SECTION, "cpus=" + cpus, op, 1, "-", settings.threads(), round,
                                    loop.measure(settings.warmup(), settings.window(), fleet.cpu()));
                            log.cell(cell);
                            cells.add(cell);
                        }
                    }
                }
            }
        } finally {
            StudyFleet.pin(node, "0-" + (Runtime.getRuntime().availableProcessors() - 1));
        }
        return cells;
    }
}
