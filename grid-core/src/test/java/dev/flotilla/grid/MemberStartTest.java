package dev.flotilla.grid;

import com.hazelcast.config.Config;
import com.hazelcast.config.EvictionPolicy;
import dev.flotilla.grid.fixture.GridCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** How a member starts from a native Hazelcast file, and that it refuses a taken port; real members. */
@Timeout(120)
class MemberStartTest {
    private final List<Grid> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(grid -> grid.hazelcast().getLifecycleService().terminate());
    }

    @Test
    void start_hazelcastConfigFile_fileSettingsKeptFlotillaKeysOnTop(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hazelcast.yaml"), """
                hazelcast:
                  cluster-name: from-the-file
                  network:
                    port:
                      port: 1
                      auto-increment: true
                  properties:
                    hazelcast.operation.call.timeout.millis: 45000
                    hazelcast.io.thread.count: 3
                  map:
                    orders:
                      backup-count: 0
                      time-to-live-seconds: 600
                    default:
                      backup-count: 3
                      eviction:
                        eviction-policy: LRU
                        max-size-policy: PER_NODE
                        size: 5000
                  queue:
                    jobs:
                      max-size: 42
                """);
        String clusterName = "test-" + java.util.UUID.randomUUID().toString().substring(0, 12);
        int port1 = LoopbackProfile.freePort();
        int port2 = LoopbackProfile.freePort();
        List<String> members = List.of("127.0.0.1:" + port1, "127.0.0.1:" + port2);
        GridConfig.Builder base = GridCluster.testDefaults(clusterName).hazelcastConfig(file).members(members)
                .map("payments", MapSettings.DEFAULT.withBackupCount(2));
        Grid first = start(base.port(port1).build());
        Grid second = start(base.port(port2).build());

        await().atMost(GridCluster.SETTLE).until(() -> first.cluster().members().size() == 2);
        Config effective = second.hazelcast().getConfig();
        // Flotilla's keys win: cluster name, port, join, the default map, its own maps, properties.* last.
        assertThat(effective.getClusterName()).isEqualTo(clusterName);
        assertThat(effective.getNetworkConfig().getPort()).isEqualTo(port2);
        assertThat(effective.getNetworkConfig().isPortAutoIncrement()).isFalse();
        assertThat(effective.getMapConfig("default").getBackupCount()).isEqualTo(1);
        assertThat(effective.getMapConfig("payments").getBackupCount()).isEqualTo(2);
        assertThat(effective.getProperty("hazelcast.io.thread.count")).isEqualTo("1");
        // What Flotilla has no key for comes from the file.
        assertThat(effective.getMapConfig("default").getEvictionConfig().getEvictionPolicy()).isEqualTo(EvictionPolicy.LRU);
        assertThat(effective.getMapConfig("default").getEvictionConfig().getSize()).isEqualTo(5000);
        assertThat(effective.getMapConfig("orders").getTimeToLiveSeconds()).isEqualTo(600);
        assertThat(effective.getMapConfig("orders").getBackupCount()).isZero();
        assertThat(effective.getQueueConfig("jobs").getMaxSize()).isEqualTo(42);
        assertThat(effective.getProperty("hazelcast.operation.call.timeout.millis")).isEqualTo("45000");
        // And the members use it: a map the file configures keeps no backup on the other member.
        first.hazelcast().getMap("orders").put("k", "v");
        assertThat(second.hazelcast().getMap("orders").getLocalMapStats().getBackupEntryCount()
                + first.hazelcast().getMap("orders").getLocalMapStats().getBackupEntryCount()).isZero();
    }

    @Test
    void start_kubernetesDnsDiscoveryFromTheFile_memberStartsWithHazelcastsOwnDiscovery(@TempDir Path dir)
            throws IOException {
        int port = LoopbackProfile.freePort();
        // DNS lookup mode asks no Kubernetes API: "localhost" stands in for the headless service's DNS name.
        Path file = Files.writeString(dir.resolve("kubernetes.yaml"), """
                hazelcast:
                  network:
                    join:
                      kubernetes:
                        enabled: true
                        service-dns: localhost
                        service-port: %d
                """.formatted(port));
        Grid grid = start(GridCluster.testDefaults("test-k8s-" + port).port(port).hazelcastConfig(file).build());

        var join = grid.hazelcast().getConfig().getNetworkConfig().getJoin();
        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(grid.cluster().members()).hasSize(1);
    }

    @Test
    void start_badHazelcastConfigFile_rejectedNamingTheKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hazelcast.xml"), "<hazelcast><network><port>x</port>");
        GridConfig config = GridCluster.testDefaults("test-bad-file").port(LoopbackProfile.freePort())
                .hazelcastConfig(file).build();

        assertThatThrownBy(() -> start(config)).isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("hazelcast-config = '" + file + "': not a valid Hazelcast config");
    }

    @Test
    void start_memberPortTaken_refusesToStartNamingThePort() throws IOException {
        InetAddress address = InetAddress.getByName("127.0.30.1");
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(address, 0));
            GridConfig config = GridCluster.testDefaults("test-taken-" + taken.getLocalPort())
                    .bindAddress("127.0.30.1").port(taken.getLocalPort()).build();

            assertThatThrownBy(() -> start(config)).isInstanceOf(GridException.class)
                    .hasMessage("the grid member could not start: member port 127.0.30.1:" + taken.getLocalPort()
                            + " is taken (port-auto-increment is off)");
        }
    }

    private Grid start(GridConfig config) {
        Grid grid = Grid.start(config);
        started.add(grid);
        return grid;
    }
}
