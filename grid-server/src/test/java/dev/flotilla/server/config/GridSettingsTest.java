package dev.flotilla.server.config;

import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.InvalidConfigException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.MapPropertySource;
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

    private static GridConfig read(PropertySource... sources) {
        try (ApplicationContext context = ApplicationContext.builder().propertySources(sources).build()) {
            context.getEnvironment().start();
            return GridSettings.from(context.getEnvironment());
        }
    }

    /** Variables as Micronaut reads them from the process environment (same convention, same precedence). */
    private static PropertySource environment(Map<String, Object> variables) {
        return new MapPropertySource("env", variables) {
            @Override
            public int getOrder() {
                return EnvironmentPropertySource.POSITION;
            }

            @Override
            public PropertyConvention getConvention() {
                return PropertyConvention.ENVIRONMENT_VARIABLE;
            }
        };
    }

    private static PropertySource yaml(String text) {
        try {
            Map<String, Object> values = new YamlPropertySourceLoader()
                    .read("test.yml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            return PropertySource.of("test.yml", values, PropertySource.Origin.of("/etc/flotilla/node.yml"), EnvironmentPropertySource.POSITION - 50);
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
                .isInstanceOf(InvalidNodeConfigException.class).hasMessageContaining("partition-cuont")
                .hasCauseInstanceOf(InvalidConfigException.class);
    }

    @Test
    void from_badValue_failsNamingTheKey() {
        assertThatThrownBy(() -> read(yaml("flotilla:\n  map-defaults:\n    backup-count: -1\n")))
                .isInstanceOf(InvalidNodeConfigException.class).hasMessageContaining("backup-count");
    }

    @Test
    void from_environmentVariables_setFlatNestedPerMapAndPropertyKeys() {
        GridConfig config = read(environment(Map.of(
                "FLOTILLA_CLUSTER_NAME", "from-env",
                "FLOTILLA_PORT", "5999",
                "FLOTILLA_PORT_AUTO_INCREMENT", "true",
                "FLOTILLA_PUBLIC_ADDRESS", "203.0.113.5:5999",
                "FLOTILLA_MEMBERS", "127.0.0.1:5999,127.0.0.2:5999",
                "FLOTILLA_MAP_DEFAULTS_BACKUP_COUNT", "2",
                "FLOTILLA_MAPS_ORDERS_ASYNC_BACKUP_COUNT", "1",
                "FLOTILLA_CP_MEMBER_COUNT", "3",
                "FLOTILLA_PROPERTIES_HAZELCAST_IO_THREAD_COUNT", "1",
                "FLOTILLA_JAVA_OPTS", "-Xmx1g")));

        assertThat(config.clusterName()).isEqualTo("from-env");
        assertThat(config.port()).isEqualTo(5999);
        assertThat(config.portAutoIncrement()).isTrue();
        assertThat(config.publicAddress()).isEqualTo("203.0.113.5:5999");
        assertThat(config.members()).containsExactly("127.0.0.1:5999", "127.0.0.2:5999");
        assertThat(config.mapDefaults().backupCount()).isEqualTo(2);
        assertThat(config.mapSettings("orders")).isEqualTo(config.mapDefaults().withAsyncBackupCount(1));
        assertThat(config.cpMemberCount()).isEqualTo(3);
        assertThat(config.properties()).containsExactly(Map.entry("hazelcast.io.thread.count", "1"));
    }

    @Test
    void from_perMapVariableOfATwoWordMapName_setsThatMapOverTheFile() {
        GridConfig config = read(yaml("flotilla:\n  maps:\n    user_sessions:\n      backup-count: 1\n"),
                environment(Map.of("FLOTILLA_MAPS_USER_SESSIONS_BACKUP_COUNT", "2")));

        assertThat(config.mapSettings("user_sessions").backupCount()).isEqualTo(2);
    }

    @Test
    void from_environmentVariableAndFile_variableWins() {
        GridConfig config = read(yaml("flotilla:\n  cluster-name: from-file\n  partition-count: 31\n"),
                environment(Map.of("FLOTILLA_CLUSTER_NAME", "from-env")));

        assertThat(config.clusterName()).isEqualTo("from-env");
        assertThat(config.partitionCount()).isEqualTo(31);
    }

    @Test
    void from_unknownKeyInFile_failsNamingFileKeyAndValue() {
        assertThatThrownBy(() -> read(yaml("flotilla:\n  prot: 15852\n")))
                .isInstanceOf(InvalidNodeConfigException.class)
                .hasMessage("/etc/flotilla/node.yml: flotilla.prot = 15852: unknown key (see config/README.md)");
    }

    @Test
    void from_badEnvironmentVariable_failsNamingTheVariable() {
        assertThatThrownBy(() -> read(environment(Map.of("FLOTILLA_MAP_DEFAULTS_BACKUP_COUNT", "seven"))))
                .isInstanceOf(InvalidNodeConfigException.class)
                .hasMessage("environment variable FLOTILLA_MAP_DEFAULTS_BACKUP_COUNT: "
                        + "flotilla.map-defaults.backup-count = 'seven': must be a whole number");
    }

    @Test
    void keyOf_variables_onlyUnambiguousGridKeys() {
        assertThat(GridSettings.keyOf("FLOTILLA_BIND_ADDRESS")).contains("bind-address");
        assertThat(GridSettings.keyOf("FLOTILLA_HAZELCAST_CONFIG")).contains("hazelcast-config");
        assertThat(GridSettings.keyOf("FLOTILLA_FAILURE_DETECTION_MAX_NO_HEARTBEAT_SECONDS"))
                .contains("failure-detection.max-no-heartbeat-seconds");
        assertThat(GridSettings.keyOf("FLOTILLA_MAPS_ORDERS_BACKUP_COUNT")).contains("maps.orders.backup-count");
        assertThat(GridSettings.keyOf("FLOTILLA_MAPS_BACKUP_COUNT")).isEmpty();
        assertThat(GridSettings.keyOf("FLOTILLA_PROPERTIES_HAZELCAST_MERGE_FIRST_RUN_DELAY_SECONDS"))
                .contains("properties.hazelcast.merge.first.run.delay.seconds");
        assertThat(GridSettings.keyOf("FLOTILLA_JAVA_OPTS")).isEmpty();
        assertThat(GridSettings.keyOf("FLOTILLA_SERVER_METRICS_REFRESH")).isEmpty();
        assertThat(GridSettings.keyOf("PORT")).isEmpty();
    }
}
