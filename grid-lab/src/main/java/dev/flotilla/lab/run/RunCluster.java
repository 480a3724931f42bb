package dev.flotilla.lab.run;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.FleetSettings;
import dev.flotilla.lab.fleet.RemoteTarget;
import dev.flotilla.lab.nemesis.ClusterControl;
import dev.flotilla.lab.workload.Target;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What a run needs of a formed cluster, whatever its kind: the nemesis' control (which also keeps the run's clock),
 * the clients' target, and what stops it all.
 *
 * @param control what the nemesis acts on
 * @param target  what the workload's client calls
 * @param stop    stops every member, node process and client; nothing is left running
 * @param <M>     the member handle the nemesis passes around
 */
record RunCluster<M>(ClusterControl<M> control, Target target, Runnable stop) implements AutoCloseable {
    /** How long a client request may take on process clusters before it is given up (recorded as info). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public void close() {
        stop.run();
    }

    /** Forms the cluster the spec asks for; node files and logs of process clusters go under {@code dir/nodes}. */
    static RunCluster<?> form(ExperimentSpec spec, Path dir) {
        return switch (spec.cluster()) {
            case IN_PROCESS -> {
                LabCluster cluster = LabCluster.form(spec.members(), spec.map(), spec.cpMembers());
                yield new RunCluster<>(cluster, new EmbeddedTarget(spec.mode(), cluster.first()), cluster::close);
            }
            case PROCESSES -> processes(Fleet.form(new FleetSettings(spec.members(), spec.maxMembers(), spec.map(),
                    spec.cpMembers(), spec.maxNoHeartbeat(), dir.resolve("nodes"), Map.of(), spec.nemesis().needsNetwork())), spec);
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
        return new RunCluster<>(fleet, new RemoteTarget(client, spec.mode()), () -> {
            try {
                client.close();
            } finally {
                fleet.close();
            }
        });
    }
}
