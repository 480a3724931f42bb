package dev.flotilla.server.labprocess;

import dev.flotilla.client.EndpointState;
import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.client.internal.KeyPartitioner;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.lab.fleet.Fleet;
import dev.flotilla.lab.fleet.NodeProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static dev.flotilla.server.labprocess.NodeProcesses.clientOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Owner-aware routing on three grid-server node processes: one is SIGKILLed; requests for its keys fall back to the
 * other nodes and all succeed, the client's table follows the promoted owners, and then the survivors' own counters
 * show no request answered by a non-owner.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OwnerRoutingProcessIT {
    private static final Pattern REMOTE = Pattern.compile("(?m)^flotilla_map_requests_total\\{owner=\"remote\"[^}]*} (\\S+)$");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path tmp;

    @Test
    void routing_nodeSigkilled_requestsFallBackAndTableFollowsTheNewOwners() throws Exception {
        try (Fleet fleet = processes.form(tmp, 3);
             FlotillaClient client = FlotillaClient.builder().endpoints(fleet.endpoints())
                     .healthCheck(HealthCheck.every(Duration.ofMillis(200)))
                     .partitionRouting(PartitionRouting.every(Duration.ofSeconds(2)))
                     .retryPolicy(RetryPolicy.of(8, Duration.ofMillis(50), Duration.ofSeconds(1))).build()) {
            List<NodeProcess> nodes = fleet.members();
            NodeProcess victim = nodes.get(2);
            awaitSettled(client, nodes);
            PartitionsView table = client.partitions();
            List<String> keys = IntStream.range(0, 3000).mapToObj(i -> "kill-" + i)
                    .filter(k -> victim.memberAddress().equals(
                            table.partitions().get(KeyPartitioner.partition(k, table.partitionCount())).owner()))
                    .limit(50).toList();
            RemoteMap map = client.map("routed");
            readWrite(map, keys);
            long refreshes = client.routing().refreshes();

            fleet.crash(List.of(victim)); // SIGKILL
            readWrite(map, keys); // their owner is gone: each falls back to the balancer and succeeds

            List<NodeProcess> survivors = nodes.subList(0, 2);
            awaitSettled(client, survivors);
            assertThat(client.routing().refreshes()).isGreaterThan(refreshes);
            assertThat(client.endpoints()).filteredOn(e -> e.uri().equals(victim.http()))
                    .extracting(EndpointStatus::state).containsExactly(EndpointState.EJECTED);
            double before = remote(survivors);
            readWrite(map, keys);
            assertThat(remote(survivors) - before).as("the promoted owners are reached directly").isZero();
        }
    }

    private static void readWrite(RemoteMap map, List<String> keys) {
        for (String key : keys) {
            assertThat(map.put(key, Map.of("k", key))).isPositive();
            assertThat(map.get(key)).isPresent();
        }
    }

    /** Every live node has the same partition stamp, the client routes by it to our endpoints, all healthy to it. */
    private static void awaitSettled(FlotillaClient client, List<NodeProcess> live) {
        await("the table settles and the client follows it").atMost(Duration.ofSeconds(120)).until(() -> {
            List<Long> stamps = live.stream().map(n -> {
                try (FlotillaClient one = clientOf(n.http())) {
                    return one.partitions().stamp();
                } catch (RuntimeException e) {
                    return -1L;
                }
            }).distinct().toList();
            boolean healthy = client.endpoints().stream()
                    .filter(e -> live.stream().anyMatch(n -> n.http().equals(e.uri())))
                    .allMatch(e -> e.state() == EndpointState.HEALTHY);
            var routing = client.routing();
            return stamps.size() == 1 && stamps.get(0) != -1L && routing.usable() && routing.stamp() == stamps.get(0)
                    && routing.routedPartitions() == routing.partitionCount() && healthy;
        });
    }

    /** {@code flotilla_map_requests_total{owner="remote"}} summed over {@code nodes}' scrapes. */
    private static double remote(List<NodeProcess> nodes) throws IOException, InterruptedException {
        double sum = 0;
        for (NodeProcess node : nodes) {
            String scrape = HTTP.send(HttpRequest.newBuilder(node.http().resolve("/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = REMOTE.matcher(scrape);
            assertThat(m.find()).as(node.label() + " scrape has the counter").isTrue();
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }
}
