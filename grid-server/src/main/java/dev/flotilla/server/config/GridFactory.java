package dev.flotilla.server.config;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts this node's one grid member when the application context starts, and leaves the cluster gracefully
 * (partitions handed over first) when it stops.
 */
@Factory
public class GridFactory {
    private static final Logger LOG = LoggerFactory.getLogger(GridFactory.class);
    /** The member this process started last, for {@link #leaveAfterFailedStart()}. */
    private static final AtomicReference<Grid> STARTED = new AtomicReference<>();

    /** The grid config read from {@code flotilla.*}. */
    @Context
    public GridConfig gridConfig(Environment environment) {
        return GridSettings.from(environment);
    }

    /** The member; started eagerly so a node that cannot join fails at startup, not on its first request. */
    @Context
    @Bean(preDestroy = "close")
    public Grid grid(GridConfig config, Environment environment) {
        Grid grid;
        try {
            grid = Grid.start(config);
        } catch (InvalidConfigException e) { // a hazelcast-config file that is not a Hazelcast config
            throw GridSettings.rejected(environment, e);
        }
        LOG.info("grid member {} joined cluster '{}' ({} members)", grid.cluster().localMember().address(),
                config.clusterName(), grid.cluster().members().size());
        STARTED.set(grid);
        return grid;
    }

    /**
     * Leaves the cluster gracefully (partitions handed over first) if this process's member joined before the rest of
     * the node failed to start, such as a taken HTTP port: exiting without it would leave like a crash, losing the
     * partitions that had already migrated to it when they have no backup. Idempotent.
     */
    public static void leaveAfterFailedStart() {
        Grid grid = STARTED.getAndSet(null);
        if (grid != null && grid.isRunning()) {
            grid.close();
        }
    }
}
