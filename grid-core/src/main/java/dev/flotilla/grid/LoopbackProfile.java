package dev.flotilla.grid;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A compact configuration for many members on one machine, as the lab's in-process clusters and the tests use:
 * loopback only, 31 partitions, two partition threads, 1 s heartbeats, a member removed after 5 s of silence, no
 * wait before joining, and split-brain merges retried every 5 s.
 *
 * <p>Not for production: joining without a wait suits members started one after another, not a fleet started at
 * once.
 */
public final class LoopbackProfile {
    private LoopbackProfile() {
    }

    /** A builder with the profile's values for a cluster of that name; add port and members before building. */
    public static GridConfig.Builder builder(String clusterName) {
        return GridConfig.builder()
                .clusterName(clusterName)
                .bindAddress("127.0.0.1")
                .portAutoIncrement(false)
                .partitionCount(31)
                .heartbeatInterval(Duration.ofSeconds(1))
                .maxNoHeartbeat(Duration.ofSeconds(5))
                .property("hazelcast.partition.operation.thread.count", "2")
                .property("hazelcast.operation.generic.thread.count", "2")
                .property("hazelcast.event.thread.count", "2")
                .property("hazelcast.io.thread.count", "1")
                .property("hazelcast.wait.seconds.before.join", "0")
                .property("hazelcast.max.wait.seconds.before.join", "0")
                .property("hazelcast.merge.first.run.delay.seconds", "5")
                .property("hazelcast.merge.next.run.delay.seconds", "5");
    }

    /** A loopback port that was free a moment ago: for a member or node started right after. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
