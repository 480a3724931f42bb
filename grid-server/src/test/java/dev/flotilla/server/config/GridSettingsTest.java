package dev.flotilla.server.config;

import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Micronaut's {@code flotilla.*} configuration becomes grid-core's GridConfig (no member is started here). */
class GridSettingsTest {

    private static GridConfig read(PropertySource source) {
        try (ApplicationContext context = ApplicationContext.builder().propertySources(source).build()) {
            context.getEnvironment().start();
            return GridSettings.from(context.getEnvironment());
        }
    }

    private static PropertySource yaml(String text) {
        try {
            Map<String, Object> values = new YamlPropertySourceLoader()
                    .read("test.yml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return PropertySource.of("test.yml", values);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void from_yamlFile_readsListsNestedMapsAndHazelcastProperties() {
        GridConfig config = read(yaml("""
                flotilla:
                  cluster-name: yaml-cluster
                  port: 6701
                  members:
                    - 127.0.0.1:6701
                    - 127.0.0.1:6702
                  partition-count: 31
                  map-defaults:
                    backup-count: 2
                  maps:
                    orders:
                      backup-count: 0
                  failure-detection:
                    heartbeat-interval-seconds: 2
                    max-no-heartbeat-seconds: 9
                  properties:
                    hazelcast.io.thread.count: 1
                micronaut:
                  server:
                    port: 9999
                """));
        assertThat(config.clusterName()).isEqualTo("yaml-cluster");
        assertThat(config.port()).isEqualTo(6701);
        assertThat(config.members()).containsExactly("127.0.0.1:6701", "127.0.0.1:6702");
        assertThat(config.partitionCount()).isEqualTo(31);
        assertThat(config.mapDefaults().backupCount()).isEqualTo(2);
        assertThat(config.mapSettings("orders").backupCount()).isZero();
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.maxNoHeartbeat()).isEqualTo(Duration.ofSeconds(9));
        assertThat(config.properties()).containsEntry("hazelcast.io.thread.count", "1");
    }

    @Test
    void from_flatProperties_readsCommaSeparatedMembers() {
        GridConfig config = read(PropertySource.of("flat", Map.of(
                "flotilla.members", "127.0.0.1:7001, 127.0.0.1:7002",
                "flotilla.cluster-name", "flat")));
        assertThat(config.members()).containsExactly("127.0.0.1:7001", "127.0.0.1:7002");
        assertThat(config.clusterName()).isEqualTo("flat");
    }

    @Test
    void from_programmaticList_readsMembers() {
        GridConfig config = read(PropertySource.of("list", Map.of("flotilla.members", List.of("a:1", "b:2"))));
        assertThat(config.members()).containsExactly("a:1", "b:2");
    }

    @Test
    void from_nothing_usesGridCoreDefaults() {
        assertThat(read(PropertySource.of("empty", Map.of()))).isEqualTo(GridConfig.defaults());
    }

    @Test
    void from_unknownKey_failsNamingTheKey() {
        assertThatThrownBy(() -> read(yaml("flotilla:\n  partition-cuont: 7\n")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("partition-cuont");
    }

    @Test
    void from_badValue_failsNamingTheKey() {
        assertThatThrownBy(() -> read(yaml("flotilla:\n  map-defaults:\n    backup-count: -1\n")))
                .isInstanceOf(InvalidConfigException.class).hasMessageContaining("backup-count");
    }
}
