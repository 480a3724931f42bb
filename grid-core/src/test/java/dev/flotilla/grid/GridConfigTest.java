package dev.flotilla.grid;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GridConfigTest {

    @Test
    void defaults_noSettings_singleMemberOnLoopback() {
        GridConfig config = GridConfig.defaults();

        assertThat(config.clusterName()).isEqualTo("flotilla");
        assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(5701);
        assertThat(config.partitionCount()).isEqualTo(271);
        assertThat(config.mapDefaults()).isEqualTo(MapSettings.DEFAULT);
        assertThat(config.mapDefaults().mergePolicy()).isEqualTo(MergePolicy.PUT_IF_ABSENT);
        assertThat(config.mapDefaults().splitBrainProtection()).isEqualTo(SplitBrainProtection.OFF);
        assertThat(config.mapDefaults().splitBrainProtection().enabled()).isFalse();
        assertThat(config.cpMemberCount()).isZero();
        assertThat(config.cpFailOnIndeterminateState()).isTrue();
        assertThat(config.members()).isEmpty();
    }

    @Test
    void builder_badBackupCount_errorNamesFieldAndValue() {
        assertThatThrownBy(() -> GridConfig.builder().mapDefaults(MapSettings.DEFAULT.withBackupCount(7)).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("map-defaults.backup-count = 7: must be between 0 and 6")
                .extracting(e -> ((InvalidConfigException) e).field()).isEqualTo("map-defaults.backup-count");
    }

    @Test
    void builder_backupsOverSix_rejectsSum() {
        assertThatThrownBy(() -> GridConfig.builder().map("orders", MapSettings.DEFAULT.withBackupCount(4).withAsyncBackupCount(3)).build())
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("maps.orders.async-backup-count = 3");
    }

    @Test
    void builder_cpMemberCountTwo_rejected() {
        assertThatThrownBy(() -> GridConfig.builder().cpMemberCount(2).build())
                .hasMessage("cp.member-count = 2: must be between 3 and 7");
    }

    @Test
    void builder_badClusterNameAndMember_rejectedWithField() {
        assertThatThrownBy(() -> GridConfig.builder().clusterName("no spaces").build())
                .hasMessageStartingWith("cluster-name = 'no spaces'");
        assertThatThrownBy(() -> GridConfig.builder().member("127.0.0.1:5701").member("bad host").build())
                .hasMessageStartingWith("members[1] = 'bad host'");
        assertThatThrownBy(() -> GridConfig.builder().port(0).build()).hasMessageStartingWith("port = 0");
    }

    @Test
    void builder_heartbeatNotShorterThanTimeout_rejected() {
        assertThatThrownBy(() -> GridConfig.builder().heartbeatInterval(Duration.ofSeconds(5))
                .maxNoHeartbeat(Duration.ofSeconds(5)).build())
                .hasMessageStartingWith("failure-detection.max-no-heartbeat-seconds = 5");
    }

    @Test
    void fromYaml_everyKey_mapsToFields() throws IOException {
        String yaml = """
                flotilla:
                  cluster-name: shop
                  bind-address: 127.0.0.2
                  port: 5801
                  port-auto-increment: false
                  members: [127.0.0.1:5801, 127.0.0.1:5802]
                  partition-count: 31
                  maps:
                    orders:
                      backup-count: 2
                  map-defaults:
                    backup-count: 0
                    async-backup-count: 1
                    read-backup-data: true
                    time-to-live-seconds: 60
                    merge-policy: latest-update
                    split-brain-min-size: 2
                    split-brain-function: recently-active
                    split-brain-tolerance-millis: 4000
                    split-brain-protect-on: write
                  cp:
                    member-count: 3
                    fail-on-indeterminate-operation-state: false
                    leader-election-timeout-millis: 1000
                    leader-heartbeat-period-millis: 300
                  failure-detection:
                    heartbeat-interval-seconds: 2
                    max-no-heartbeat-seconds: 20
                  properties:
                    hazelcast.operation.call.timeout.millis: "30000"
                """;
        GridConfig config = GridConfig.fromYaml(new StringReader(yaml));

        assertThat(config.clusterName()).isEqualTo("shop");
        assertThat(config.bindAddress()).isEqualTo("127.0.0.2");
        assertThat(config.port()).isEqualTo(5801);
        assertThat(config.portAutoIncrement()).isFalse();
        assertThat(config.members()).containsExactly("127.0.0.1:5801", "127.0.0.1:5802");
        assertThat(config.partitionCount()).isEqualTo(31);
        SplitBrainProtection protection = new SplitBrainProtection(2, SplitBrainProtection.Function.RECENTLY_ACTIVE,
                Duration.ofMillis(4000), SplitBrainProtection.ProtectOn.WRITE);
        assertThat(config.mapDefaults()).isEqualTo(new MapSettings(0, 1, true, Duration.ofSeconds(60),
                MergePolicy.LATEST_UPDATE, protection, Persistence.OFF));
        // Per-map keys apply over the final defaults even when written before map-defaults.
        assertThat(config.mapSettings("orders")).isEqualTo(config.mapDefaults().withBackupCount(2));
        assertThat(config.mapSettings("other")).isEqualTo(config.mapDefaults());
        assertThat(config.cpMemberCount()).isEqualTo(3);
        assertThat(config.cpFailOnIndeterminateState()).isFalse();
        assertThat(config.cpLeaderElectionTimeout()).isEqualTo(Duration.ofMillis(1000));
        assertThat(config.cpLeaderHeartbeatPeriod()).isEqualTo(Duration.ofMillis(300));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxNoHeartbeat()).isEqualTo(Duration.ofSeconds(20));
        assertThat(config.properties()).containsEntry("hazelcast.operation.call.timeout.millis", "30000");
    }

    @Test
    void fromYaml_unknownKey_rejectedByName() {
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("map-defaults:\n  backup-cuont: 1\n")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("map-defaults.backup-cuont");
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("clustername: x\n")))
                .hasMessageContaining("clustername = 'x': unknown key");
    }

    @Test
    void fromYaml_badValueType_rejectedByName() {
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("partition-count: many\n")))
                .hasMessage("partition-count = 'many': must be a whole number");
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("port-auto-increment: maybe\n")))
                .hasMessage("port-auto-increment = 'maybe': must be true or false");
    }

    @Test
    void fromYaml_emptyDocument_defaults() throws IOException {
        assertThat(GridConfig.fromYaml(new StringReader(""))).isEqualTo(GridConfig.defaults());
    }

    @Test
    void fromProperties_camelCaseIndexedMembers_accepted() {
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("clusterName", "camel");
        flat.put("members[1]", "127.0.0.1:5702");
        flat.put("members[0]", "127.0.0.1:5701");
        flat.put("mapDefaults.backupCount", 2);
        GridConfig config = GridConfig.fromProperties(flat);

        assertThat(config.clusterName()).isEqualTo("camel");
        assertThat(config.members()).containsExactly("127.0.0.1:5701", "127.0.0.1:5702");
        assertThat(config.mapDefaults().backupCount()).isEqualTo(2);
    }

    @Test
    void fromProperties_commaSeparatedMembers_split() {
        GridConfig config = GridConfig.fromProperties(Map.of("members", "127.0.0.1:5701, 127.0.0.1:5702"));
        assertThat(config.members()).isEqualTo(List.of("127.0.0.1:5701", "127.0.0.1:5702"));
    }

    @Test
    void fromYaml_perMapMergeAndProtection_overrideDefaultsSettingBySetting() throws IOException {
        GridConfig config = GridConfig.fromYaml(new StringReader("""
                map-defaults:
                  split-brain-min-size: 3
                maps:
                  sets:
                    merge-policy: union
                  reads:
                    split-brain-protect-on: read
                  open:
                    split-brain-min-size: 0
                """));

        SplitBrainProtection three = SplitBrainProtection.OFF.withMinSize(3);
        assertThat(config.mapDefaults()).isEqualTo(MapSettings.DEFAULT.withSplitBrainProtection(three));
        assertThat(config.mapSettings("sets")).isEqualTo(config.mapDefaults().withMergePolicy(MergePolicy.UNION));
        assertThat(config.mapSettings("reads").splitBrainProtection())
                .isEqualTo(three.withProtectOn(SplitBrainProtection.ProtectOn.READ));
        assertThat(config.mapSettings("open").splitBrainProtection().enabled()).isFalse();
    }

    @Test
    void fromProperties_camelCaseMapSettings_accepted() {
        GridConfig config = GridConfig.fromProperties(Map.of("mapDefaults.mergePolicy", "pass-through",
                "maps.orders.splitBrainMinSize", 2, "maps.orders.splitBrainFunction", "recently-active"));

        assertThat(config.mapDefaults().mergePolicy()).isEqualTo(MergePolicy.PASS_THROUGH);
        assertThat(config.mapSettings("orders").splitBrainProtection()).isEqualTo(SplitBrainProtection.OFF
                .withMinSize(2).withFunction(SplitBrainProtection.Function.RECENTLY_ACTIVE));
    }

    @Test
    void fromYaml_unknownEnumValue_namesKeyAndListsValidValues() {
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("maps:\n  sets:\n    merge-policy: unoin\n")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("maps.sets.merge-policy = 'unoin': must be one of put-if-absent, pass-through, "
                        + "latest-update, higher-hits, discard, union")
                .extracting(e -> ((InvalidConfigException) e).field()).isEqualTo("maps.sets.merge-policy");
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("map-defaults:\n  split-brain-function: majority\n")))
                .hasMessage("map-defaults.split-brain-function = 'majority': must be one of member-count, recently-active");
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("map-defaults:\n  split-brain-protect-on: all\n")))
                .hasMessage("map-defaults.split-brain-protect-on = 'all': must be one of read-write, write, read");
    }

    @Test
    void builder_badSplitBrainMinSize_rejectedWithField() {
        assertThatThrownBy(() -> GridConfig.builder()
                .map("orders", MapSettings.DEFAULT.withSplitBrainProtection(SplitBrainProtection.OFF.withMinSize(1))).build())
                .hasMessage("maps.orders.split-brain-min-size = 1: must be between 2 and 1000");
        assertThatThrownBy(() -> GridConfig.builder()
                .mapDefaults(MapSettings.DEFAULT.withSplitBrainProtection(SplitBrainProtection.OFF.withMinSize(1001))).build())
                .hasMessage("map-defaults.split-brain-min-size = 1001: must be between 2 and 1000");
        assertThatThrownBy(() -> GridConfig.builder().mapDefaults(MapSettings.DEFAULT.withMergePolicy(null)).build())
                .hasMessage("map-defaults.merge-policy = null: must be set");
    }

    @Test
    void builder_recentlyActiveToleranceNotOverHeartbeat_rejected() {
        SplitBrainProtection oneSecond = SplitBrainProtection.OFF.withMinSize(2).withTolerance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> GridConfig.builder().map("orders", MapSettings.DEFAULT.withSplitBrainProtection(
                oneSecond.withFunction(SplitBrainProtection.Function.RECENTLY_ACTIVE))).build())
                .hasMessageStartingWith("maps.orders.split-brain-tolerance-millis = 1000: must be longer than "
                        + "failure-detection.heartbeat-interval-seconds (1)");
        // Member counting ignores the tolerance, and so does the check.
        assertThat(GridConfig.builder().map("orders", MapSettings.DEFAULT.withSplitBrainProtection(oneSecond)).build()
                .mapSettings("orders").splitBrainProtection()).isEqualTo(oneSecond);
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("map-defaults:\n  split-brain-tolerance-millis: 0\n")))
                .hasMessage("map-defaults.split-brain-tolerance-millis = 0: must be between 1 and 2147483647");
    }

    @Test
    void fromYaml_clusterWideMinClusterSize_rejectedPointingToMapSetting() {
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("split-brain-protection:\n  min-cluster-size: 2\n")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("split-brain-protection.min-cluster-size = '2': replaced by the map setting "
                        + "split-brain-min-size");
    }

    @Test
    void toBuilder_roundTrip_equal() {
        GridConfig config = GridConfig.builder().clusterName("x").cpMemberCount(3).property("a", "b").build();
        assertThat(config.toBuilder().build()).isEqualTo(config);
    }

    @Test
    void defaults_portAutoIncrementOff() {
        assertThat(GridConfig.defaults().portAutoIncrement()).isFalse();
        assertThat(GridConfig.defaults().publicAddress()).isNull();
        assertThat(GridConfig.defaults().hazelcastConfig()).isNull();
    }

    @Test
    void keys_everyListedKey_acceptedByFromProperties() {
        Map<String, Object> samples = new java.util.HashMap<>(Map.of("members", "127.0.0.1:5701", "public-address", "10.1.2.3:5701",
                "map-defaults.merge-policy", "union", "map-defaults.split-brain-function", "member-count",
                "map-defaults.split-brain-protect-on", "write", "cluster-name", "c", "bind-address", "127.0.0.1",
                "client-protocol", "true", "member-secret", "a-secret-of-at-least-16"));
        samples.putAll(Map.of("store.url", "jdbc:h2:mem:x", "map-defaults.store-mode", "off",
                "map-defaults.store-initial-load", "lazy", "map-defaults.store-write-coalescing", "false",
                "store.timeout-millis", "1000"));
        for (String key : GridConfig.keys()) {
            if (key.equals("hazelcast-config")) {
                continue; // needs a file; fromYaml_hazelcastConfig_* read it
            }
            Object value = samples.getOrDefault(key, key.endsWith("increment") || key.endsWith("state")
                    || key.endsWith("read-backup-data") ? "true" : key.endsWith("max-no-heartbeat-seconds") ? "30" : "3");
            assertThat(GridConfig.fromProperties(Map.of(key, value))).as(key).isNotNull();
        }
        assertThat(GridConfig.keys()).contains("port", "public-address", "hazelcast-config", "map-defaults.backup-count")
                .hasSize(22 + GridConfig.mapSettingKeys().size());
    }

    @Test
    void fromYaml_storeAndPersistentMaps_read() throws IOException {
        GridConfig config = GridConfig.fromYaml(new StringReader("""
                store: {url: "jdbc:postgresql://db:5432/grid?ssl=true", user: grid, password: s3cret, pool-size: 4,
                        timeout-millis: 2500, write-behind-queue-capacity: 1000}
                map-defaults: {store-mode: write-through}
                maps:
                  events: {store-mode: write-behind, store-write-delay-seconds: 5, store-write-batch-size: 50,
                           store-write-coalescing: false, store-initial-load: lazy}
                  cache: {store-mode: "off"}
                """));

        assertThat(config.store()).isEqualTo(new StoreSettings("jdbc:postgresql://db:5432/grid?ssl=true", "grid",
                "s3cret", 4, Duration.ofMillis(2500), 1000));
        assertThat(config.mapDefaults().persistence()).isEqualTo(Persistence.WRITE_THROUGH);
        assertThat(config.mapSettings("events").persistence()).isEqualTo(new Persistence(Persistence.Mode.WRITE_BEHIND,
                Duration.ofSeconds(5), 50, false, Persistence.InitialLoad.LAZY));
        assertThat(config.mapSettings("cache").persistence().enabled()).isFalse();
        assertThat(config.toString()).doesNotContain("s3cret").doesNotContain("ssl=true")
                .contains("jdbc:postgresql://db:5432/grid(parameters hidden)");
        // configKeys() reads back into the same settings
        Map<String, Object> keys = new java.util.HashMap<>();
        config.mapSettings("events").configKeys().forEach((k, v) -> keys.put("map-defaults." + k, v));
        keys.put("store.url", "jdbc:h2:mem:x");
        assertThat(GridConfig.fromProperties(keys).mapDefaults()).isEqualTo(config.mapSettings("events"));
    }

    @Test
    void persistentMap_withoutDatabase_rejectedByName() {
        assertThatThrownBy(() -> GridConfig.fromProperties(Map.of("maps.orders.store-mode", "write-behind")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("maps.orders.store-mode = 'write-behind': needs a database: set store.url");
        assertThatThrownBy(() -> GridConfig.fromProperties(Map.of("store.url", "jdbc:h2:mem:x",
                "map-defaults.store-write-delay-seconds", "0")))
                .hasMessageContaining("map-defaults.store-write-delay-seconds");
        assertThatThrownBy(() -> GridConfig.fromProperties(Map.of("store.url", "postgres://user:pw@db/grid")))
                .hasMessage("store.url = '(hidden)': must be a JDBC URL starting with jdbc:");
    }

    @Test
    void fromYaml_publicAddressAndHazelcastConfig_read(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("hazelcast.yaml"), "hazelcast: {}\n");
        GridConfig config = GridConfig.fromYaml(new StringReader(
                "public-address: 203.0.113.7:5701\nhazelcast-config: " + file + "\nport-auto-increment: true\n"));

        assertThat(config.publicAddress()).isEqualTo("203.0.113.7:5701");
        assertThat(config.hazelcastConfig()).isEqualTo(file);
        assertThat(config.portAutoIncrement()).isTrue();
    }

    @Test
    void fromYaml_hazelcastConfigMissingOrNotYamlOrXml_rejectedByName(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("hazelcast-config: " + dir.resolve("no.yaml") + "\n")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageStartingWith("hazelcast-config = '" + dir.resolve("no.yaml") + "': no such readable file");
        Path json = Files.writeString(dir.resolve("hazelcast.json"), "{}");
        assertThatThrownBy(() -> GridConfig.fromYaml(new StringReader("hazelcast-config: " + json + "\n")))
                .hasMessageEndingWith("must name a .yaml, .yml or .xml file");
    }

    @Test
    void builder_badPublicAddress_rejectedByName() {
        assertThatThrownBy(() -> GridConfig.builder().publicAddress("a b").build())
                .isInstanceOf(InvalidConfigException.class).hasMessage("public-address = 'a b': must be host or host:port");
    }
}
