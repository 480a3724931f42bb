package dev.flotilla.grid.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionOn;
import com.hazelcast.splitbrainprotection.impl.RecentlyActiveSplitBrainProtectionFunction;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.MapSettings;
import dev.flotilla.grid.MergePolicy;
import dev.flotilla.grid.SplitBrainProtection;
import dev.flotilla.grid.fixture.GridCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link HazelcastConfigMapper} makes of map settings; two tests start a member to show why. */
@Timeout(120)
class HazelcastConfigMapperTest {
    private static final SplitBrainProtection THREE = SplitBrainProtection.OFF.withMinSize(3);

    @Test
    void toHazelcast_defaults_putIfAbsentWithoutStatsOrProtection() {
        Config config = HazelcastConfigMapper.toHazelcast(GridConfig.defaults());
        MapConfig map = config.getMapConfig("default");

        assertThat(map.getMergePolicyConfig().getPolicy()).isEqualTo(PutIfAbsentMergePolicy.class.getName());
        assertThat(map.isPerEntryStatsEnabled()).isFalse();
        assertThat(map.getSplitBrainProtectionName()).isNull();
        assertThat(config.getSplitBrainProtectionConfigs()).isEmpty();
        assertThat(map.getMetadataPolicy()).isEqualTo(MetadataPolicy.OFF);
    }

    @Test
    void toHazelcast_mapFromANativeFile_keepsItsQueryMetadata(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("maps.yaml"), """
                hazelcast:
                  map:
                    queried:
                      metadata-policy: CREATE_ON_UPDATE
                """);
        Config config = HazelcastConfigMapper.toHazelcast(GridConfig.builder().hazelcastConfig(file)
                .map("queried", MapSettings.DEFAULT).map("plain", MapSettings.DEFAULT).build());

        assertThat(config.getMapConfig("queried").getMetadataPolicy()).isEqualTo(MetadataPolicy.CREATE_ON_UPDATE);
        assertThat(config.getMapConfig("plain").getMetadataPolicy()).isEqualTo(MetadataPolicy.OFF);
    }

    @ParameterizedTest
    @CsvSource({
            "PUT_IF_ABSENT, com.hazelcast.spi.merge.PutIfAbsentMergePolicy, false",
            "PASS_THROUGH, com.hazelcast.spi.merge.PassThroughMergePolicy, false",
            "LATEST_UPDATE, com.hazelcast.spi.merge.LatestUpdateMergePolicy, true",
            "HIGHER_HITS, com.hazelcast.spi.merge.HigherHitsMergePolicy, true",
            "DISCARD, com.hazelcast.spi.merge.DiscardMergePolicy, false",
            "UNION, dev.flotilla.grid.internal.UnionMergePolicy, false"})
    void toHazelcast_mergePolicy_classNameAndPerEntryStatsWhereRead(MergePolicy policy, String className,
                                                                    boolean perEntryStats) {
        GridConfig grid = GridConfig.builder().map("m", MapSettings.DEFAULT.withMergePolicy(policy)).build();
        MapConfig map = HazelcastConfigMapper.toHazelcast(grid).getMapConfig("m");

        assertThat(map.getMergePolicyConfig().getPolicy()).isEqualTo(className);
        assertThat(map.isPerEntryStatsEnabled()).isEqualTo(perEntryStats);
    }

    @Test
    void toHazelcast_equalProtections_shareOneRuleAndOthersGetTheirOwn() {
        SplitBrainProtection recent = THREE.withFunction(SplitBrainProtection.Function.RECENTLY_ACTIVE)
                .withTolerance(Duration.ofMillis(2500)).withProtectOn(SplitBrainProtection.ProtectOn.WRITE);
        GridConfig grid = GridConfig.builder()
                .mapDefaults(MapSettings.DEFAULT.withSplitBrainProtection(THREE))
                .map("a", MapSettings.DEFAULT.withBackupCount(2).withSplitBrainProtection(THREE))
                .map("b", MapSettings.DEFAULT.withSplitBrainProtection(recent))
                .map("c", MapSettings.DEFAULT)
                // Member counting ignores the tolerance: the same rule as the defaults'.
                .map("d", MapSettings.DEFAULT.withSplitBrainProtection(THREE.withTolerance(Duration.ofSeconds(9))))
                .build();
        Config config = HazelcastConfigMapper.toHazelcast(grid);

        assertThat(config.getSplitBrainProtectionConfigs()).containsOnlyKeys(
                "flotilla-member-count-3-read-write", "flotilla-recently-active-3-2500ms-write");
        assertThat(config.getMapConfig("default").getSplitBrainProtectionName()).isEqualTo("flotilla-member-count-3-read-write");
        assertThat(config.getMapConfig("a").getSplitBrainProtectionName()).isEqualTo("flotilla-member-count-3-read-write");
        assertThat(config.getMapConfig("d").getSplitBrainProtectionName()).isEqualTo("flotilla-member-count-3-read-write");
        assertThat(config.getMapConfig("b").getSplitBrainProtectionName()).isEqualTo("flotilla-recently-active-3-2500ms-write");
        assertThat(config.getMapConfig("c").getSplitBrainProtectionName()).isNull();

        SplitBrainProtectionConfig counting = config.getSplitBrainProtectionConfig("flotilla-member-count-3-read-write");
        assertThat(counting.isEnabled()).isTrue();
        assertThat(counting.getMinimumClusterSize()).isEqualTo(3);
        assertThat(counting.getProtectOn()).isEqualTo(SplitBrainProtectionOn.READ_WRITE);
        assertThat(counting.getFunctionImplementation()).isNull();

        SplitBrainProtectionConfig active = config.getSplitBrainProtectionConfig("flotilla-recently-active-3-2500ms-write");
        assertThat(active.isEnabled()).isTrue();
        assertThat(active.getMinimumClusterSize()).isEqualTo(3);
        assertThat(active.getProtectOn()).isEqualTo(SplitBrainProtectionOn.WRITE);
        assertThat(active.getFunctionImplementation()).isInstanceOfSatisfying(RecentlyActiveSplitBrainProtectionFunction.class,
                f -> assertThat(f.getHeartbeatToleranceMillis()).isEqualTo(2500));
    }

    @Test
    void toHazelcast_protectOnRead_mapsToHazelcastRead() {
        GridConfig grid = GridConfig.builder().mapDefaults(MapSettings.DEFAULT
                .withSplitBrainProtection(THREE.withProtectOn(SplitBrainProtection.ProtectOn.READ))).build();

        assertThat(HazelcastConfigMapper.toHazelcast(grid).getSplitBrainProtectionConfig("flotilla-member-count-3-read")
                .getProtectOn()).isEqualTo(SplitBrainProtectionOn.READ);
    }

    /** The finding behind {@code setPerEntryStatsEnabled}: Hazelcast 5.4 will not start the member without it. */
    @ParameterizedTest
    @CsvSource({"LATEST_UPDATE, MergingLastUpdateTime", "HIGHER_HITS, MergingHits"})
    void statsReadingPolicy_withoutPerEntryStats_hazelcastRefusesToStartTheMember(MergePolicy policy, String mergeType) {
        GridConfig grid = GridCluster.testDefaults("test-" + UUID.randomUUID().toString().substring(0, 12))
                .port(LoopbackProfile.freePort())
                .map("m", MapSettings.DEFAULT.withMergePolicy(policy)).build();
        Config config = HazelcastConfigMapper.toHazelcast(grid);
        config.getMapConfig("m").setPerEntryStatsEnabled(false);

        assertThatThrownBy(() -> Hazelcast.newHazelcastInstance(config).shutdown())
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining(HazelcastConfigMapper.mergePolicyClass(policy))
                .hasMessageContaining("com.hazelcast.spi.merge." + mergeType)
                .hasMessageContaining("perEntryStatsEnabled");
    }

    @Test
    void statsReadingPolicies_asMapped_memberStartsAndServes() {
        try (GridCluster cluster = GridCluster.create(b -> b
                .map("latest", MapSettings.DEFAULT.withMergePolicy(MergePolicy.LATEST_UPDATE))
                .map("hits", MapSettings.DEFAULT.withMergePolicy(MergePolicy.HIGHER_HITS))
                .map("sets", MapSettings.DEFAULT.withMergePolicy(MergePolicy.UNION)))) {
            Grid grid = cluster.startMember();
            for (String name : new String[]{"latest", "hits", "sets"}) {
                grid.hazelcast().getMap(name).put("k", 1L);
                assertThat(grid.hazelcast().getMap(name).get("k")).isEqualTo(1L);
            }
            assertThat(grid.hazelcast().getMap("latest").getEntryView("k").getLastUpdateTime()).isPositive();
            cluster.assertHealthy();
        }
    }

    @Test
    void toHazelcast_fileWithKubernetesJoinAndNoMembers_keepsTheFilesJoinAndPublicAddress(@TempDir Path dir)
            throws IOException {
        Config config = HazelcastConfigMapper.toHazelcast(GridConfig.builder()
                .hazelcastConfig(Files.writeString(dir.resolve("k8s.yaml"), KUBERNETES)).build());
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isTrue();
        assertThat(join.getKubernetesConfig().getProperty("service-dns")).isEqualTo("flotilla.shop.svc.cluster.local");
        assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
        assertThat(join.getMulticastConfig().isEnabled()).isFalse();
        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("198.51.100.4:5701");
        assertThat(HazelcastConfigMapper.summary(config)).contains("join kubernetes,", "public address 198.51.100.4:5701");
    }

    @Test
    void toHazelcast_fileWithKubernetesJoinAndMembers_flotillasMemberListAndPublicAddressWin(@TempDir Path dir)
            throws IOException {
        Config config = HazelcastConfigMapper.toHazelcast(GridConfig.builder().member("10.0.0.5:5701")
                .publicAddress("203.0.113.9:5701")
                .hazelcastConfig(Files.writeString(dir.resolve("k8s.yaml"), KUBERNETES)).build());
        JoinConfig join = config.getNetworkConfig().getJoin();

        assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
        assertThat(join.getTcpIpConfig().isEnabled()).isTrue();
        assertThat(join.getTcpIpConfig().getMembers()).containsExactly("10.0.0.5:5701");
        assertThat(config.getNetworkConfig().getPublicAddress()).isEqualTo("203.0.113.9:5701");
        join.verify(); // one join method: Hazelcast would refuse two
    }

    @Test
    void summary_defaults_oneLineWithWhatMatters() {
        String summary = HazelcastConfigMapper.summary(HazelcastConfigMapper.toHazelcast(GridConfig.defaults()));

        assertThat(summary).doesNotContain("\n").isEqualTo("cluster 'flotilla': member [127.0.0.1]:5701, join tcp-ip "
                + "[127.0.0.1:5701], 271 partitions, maps: default backups 1+0 async, merge PutIfAbsentMergePolicy, "
                + "CP members 0");
    }

    private static final String KUBERNETES = """
            hazelcast:
              network:
                public-address: 198.51.100.4:5701
                join:
                  multicast:
                    enabled: false
                  kubernetes:
                    enabled: true
                    service-dns: flotilla.shop.svc.cluster.local
            """;
}
