package dev.flotilla.lab.run;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.grid.Grid;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;
import dev.flotilla.lab.fleet.NodeProcess;
import dev.flotilla.lab.fleet.RemoteTarget;
import dev.flotilla.lab.nemesis.ClusterControl;
import dev.flotilla.lab.workload.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a run needs of a formed cluster, whatever its kind: the nemesis' control, the clients' target, the clock.
 *
 * @param <M> the member handle the nemesis passes around
 */
interface RunCluster<M> extends AutoCloseable {
    /** How long a client request may take on process clusters before it is given up (recorded as info). */
    Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    /** What the nemesis acts on. */
    ClusterControl<M> control();

    /** What the workload's client calls. */
    Target target();

    /** Restarts the clock of {@link ClusterControl#nanos()}. */
    void startClock(long nanoTime);

    /** Stops every member and client; nothing is left running. */
    @Override
    void close();

    /** Forms the cluster the spec asks for; node files and logs of process clusters go under {@code dir/nodes}. */
    static RunCluster<?> form(ExperimentSpec spec, Path dir) {
        return switch (spec.cluster()) {
            case IN_PROCESS -> inProcess(LabCluster.form(spec.members(), spec.map(), spec.cpMembers()), spec);
            case PROCESSES -> processes(Fleet.form(new FleetSettings(spec.members(), spec.maxMembers(), spec.map(),
                    spec.cpMembers(), spec.maxNoHeartbeat(), dir.resolve("nodes"), Map.of())), spec);
        };
    }

    private static RunCluster<?> inProcess(LabCluster cluster, ExperimentSpec spec) {
        Target target = new EmbeddedTarget(spec.mode(), cluster.first());
        return new RunCluster<Grid>() {
            @Override
            public ClusterControl<Grid> control() {
                return cluster;
            }

            @Override
            public Target target() {
                return target;
            }

            @Override
            public void startClock(long nanoTime) {
                cluster.startClock(nanoTime);
            }

            @Override
            public void close() {
                cluster.close();
            }
        };
    }

    /** The product's client over every node of the fleet: round robin, health probing, retries, idempotency keys as the spec says. */
    private static RunCluster<?> processes(Fleet fleet, ExperimentSpec spec) {
        FlotillaClient client;
        try {
            client = FlotillaClient.builder().endpoints(fleet.endpoints()).requestTimeout(REQUEST_TIMEOUT)
                    .idempotencyKeys(spec.idempotencyKeys()).build();
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
        Target target = new RemoteTarget(client, spec.mode());
        return new RunCluster<NodeProcess>() {
            @Override
            public ClusterControl<NodeProcess> control() {
                return fleet;
            }

            @Override
            public Target target() {
                return target;
            }

            @Override
            public void startClock(long nanoTime) {
                fleet.startClock(nanoTime);
            }

            @Override
            public void close() {
                try {
                    client.close();
                } finally {
                    fleet.close();
                }
            }
        };
    }
}
