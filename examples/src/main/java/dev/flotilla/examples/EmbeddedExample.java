package dev.flotilla.examples;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;

import java.io.PrintStream;

/**
 * Embeds a grid member in a plain {@code main}: writes a document, updates it with compare-and-set, shows the
 * cluster, and leaves.
 */
public final class EmbeddedExample {
    private EmbeddedExample() {
    }

    public static void main(String[] args) {
        run(GridConfig.builder().clusterName("embedded-example").build(), System.out);
    }

    /** Runs the example on a member started from {@code config}; prints what it does to {@code out}. */
    public static void run(GridConfig config, PrintStream out) {
        try (Grid grid = Grid.start(config)) {
            VersionedMap carts = grid.map("carts");
            long version = carts.put("alice", "{\"items\":[\"tea\"]}");
            out.println("wrote alice at version " + version);

            Versioned current = carts.get("alice").orElseThrow();
            long updated = carts.compareAndSet("alice", current.version(), "{\"items\":[\"tea\",\"milk\"]}");
            out.println("updated alice to version " + updated + ": " + carts.get("alice").orElseThrow().json());

            try {
                carts.compareAndSet("alice", current.version(), "{\"items\":[]}");
            } catch (VersionMismatchException stale) {
                out.println("a stale update was refused: " + stale.getMessage());
            }
            out.println("members: " + grid.cluster().members().size()
                    + ", partitions: " + grid.cluster().partitions().partitions().size()
                    + ", cluster safe: " + grid.cluster().safety().clusterSafe());
        }
    }
}
