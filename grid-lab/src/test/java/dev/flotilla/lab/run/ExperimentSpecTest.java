package dev.flotilla.lab.run;

import dev.flotilla.grid.Persistence;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExperimentSpecTest {

    private static ExperimentSpec parse(String yaml) throws IOException {
        return ExperimentSpec.fromYaml(new StringReader(yaml));
    }

    @Test
    void fromYaml_everyField_readsEveryValue() throws IOException {
        ExperimentSpec spec = parse("""
                name: bank-crash
                workload: bank
                mode: tx-two-phase
                map: {backup-count: 2, async-backup-count: 1, read-backup-data: true}
                members: 4
                cp-members: 3
                nemesis: {name: crash, interval-seconds: 1.5, settle-seconds: 12}
                duration-seconds: 7
                clients: 3
                rate: 250
                seed: 99
                keys: 8
                safe-timeout-seconds: 45
                """);
        assertThat(spec.name()).isEqualTo("bank-crash");
        assertThat(spec.workload().name()).isEqualTo("bank");
        assertThat(spec.mode()).isEqualTo(GuaranteeMode.TX_TWO_PHASE);
        assertThat(spec.map().backupCount()).isEqualTo(2);
        assertThat(spec.map().asyncBackupCount()).isEqualTo(1);
        assertThat(spec.map().readBackupData()).isTrue();
        assertThat(spec.members()).isEqualTo(4);
        assertThat(spec.cpMembers()).isEqualTo(3);
        assertThat(spec.nemesis().name()).isEqualTo("crash");
        assertThat(spec.nemesisInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(spec.settleLimit()).isEqualTo(Duration.ofSeconds(12));
        assertThat(spec.duration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(spec.clients()).isEqualTo(3);
        assertThat(spec.rate()).isEqualTo(250.0);
        assertThat(spec.seed()).isEqualTo(99);
        assertThat(spec.keys()).isEqualTo(8);
        assertThat(spec.safeTimeout()).isEqualTo(Duration.ofSeconds(45));
    }

    @Test
    void fromYaml_onlyWorkloadAndMode_takesDefaultsAndDerivesName() throws IOException {
        ExperimentSpec spec = parse("workload: counter\nmode: unsafe\n");
        assertThat(spec.name()).isEqualTo("counter-unsafe-none");
        assertThat(spec.members()).isEqualTo(1);
        assertThat(spec.cpMembers()).isZero();
        assertThat(spec.map().backupCount()).isEqualTo(1);
        assertThat(spec.nemesis().name()).isEqualTo("none");
        assertThat(spec.cluster()).isEqualTo(ClusterKind.IN_PROCESS);
        assertThat(spec.duration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void fromYaml_cpModeWithoutCpMembers_derivesThreeCpMembers() throws IOException {
        ExperimentSpec spec = parse("workload: register\nmode: cp\nmembers: 3\n");
        assertThat(spec.cpMembers()).isEqualTo(3);
    }

    @Test
    void fromYaml_joinSizes_areRead() throws IOException {
        ExperimentSpec spec = parse("workload: set\nmode: locked\nnemesis: {name: join, sizes: [2, 3, 5]}\n");
        assertThat(spec.nemesisSizes()).containsExactly(2, 3, 5);
    }

    @Test
    void fromYaml_partitionWithMergePolicyAndProtection_readLikeANodeFile() throws IOException {
        ExperimentSpec spec = parse("""
                workload: set
                mode: atomic-key
                cluster: processes
                members: 3
                map: {merge-policy: union, split-brain-min-size: 2, split-brain-function: recently-active}
                nemesis: {name: partition, shape: bridge, partition-seconds: 12}
                """);

        assertThat(spec.map().mergePolicy()).isEqualTo(dev.flotilla.grid.MergePolicy.UNION);
        assertThat(spec.map().splitBrainProtection().minSize()).isEqualTo(2);
        assertThat(spec.map().splitBrainProtection().function())
                .isEqualTo(dev.flotilla.grid.SplitBrainProtection.Function.RECENTLY_ACTIVE);
        assertThat(spec.partitionShape()).isEqualTo(dev.flotilla.lab.nemesis.PartitionShape.BRIDGE);
        assertThat(spec.partitionFor()).isEqualTo(Duration.ofSeconds(12));
        assertThat(spec.nemesis().needsNetwork()).isTrue();
        assertThat(spec.toMap().get("map").toString()).contains("merge-policy=union", "split-brain-min-size=2");
    }

    @Test
    void fromYaml_storeOnProcesses_makesTheMapsPersistentAndIsReported() throws IOException {
        ExperimentSpec spec = parse("""
                workload: set
                mode: atomic-key
                cluster: processes
                members: 2
                store: write-behind
                nemesis: crash-all
                """);

        assertThat(spec.store()).isEqualTo(Persistence.Mode.WRITE_BEHIND);
        assertThat(spec.map().persistence().writeDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(spec.nemesis().name()).isEqualTo("crash-all");
        assertThat(spec.toMap()).containsEntry("store", "write-behind");
        assertThat(spec.toMap().get("map").toString()).doesNotContain("store-");
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(parse("workload: set\nmode: atomic-key\ncluster: processes\nstore: off\n").store())
                .as("YAML's bare off").isEqualTo(Persistence.Mode.OFF);
        assertThat(parse("workload: set\nmode: atomic-key\n").store()).isEqualTo(Persistence.Mode.OFF);
    }

    @Test
    void fromYaml_storeInProcessOrUnknownOrOutageWithoutStore_rejectedNamingStore() {
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\nstore: write-through\n"))
                .as("the lab starts a database for node processes only").isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("cluster: processes")
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("store");
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\ncluster: processes\nstore: sometimes\n"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("write-through")
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("store");
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\ncluster: processes\nnemesis: store-outage\n"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("needs a database")
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("store");
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\nnemesis: restart-all\n"))
                .as("restarting every node needs node processes").isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("nemesis.name");
    }

    @Test
    void fromYaml_badMergePolicyOrShape_rejectedNamingTheSpecField() {
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\nmap: {merge-policy: newest}\n"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("union")
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("map.merge-policy");
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\ncluster: processes\nmembers: 3\n"
                + "nemesis: {name: partition, shape: ring}\n"))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("nemesis.shape");
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\nmembers: 3\nnemesis: partition\n"))
                .as("in-process members share one network").isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("nemesis.name");
        assertThatThrownBy(() -> parse("workload: set\nmode: atomic-key\ncluster: processes\nmembers: 2\n"
                + "nemesis: {name: partition, shape: bridge}\n"))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("members");
    }

    @Test
    void fromYaml_unknownKey_isRejectedNamingTheKey() {
        assertThatThrownBy(() -> parse("workload: counter\nmode: unsafe\nmap: {backups: 1}\n"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("map.backups")
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("map.backups");
    }

    @Test
    void fromYaml_wrongType_isRejectedNamingTheField() {
        assertThatThrownBy(() -> parse("workload: counter\nmode: unsafe\nclients: many\n"))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("clients");
    }

    @Test
    void fromYaml_missingWorkload_isRejected() {
        assertThatThrownBy(() -> parse("mode: unsafe\n"))
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo("workload");
    }

    @Test
    void build_invalidValues_areRejectedNamingTheField() {
        record Case(ExperimentSpec.Builder builder, String field) {
        }
        Stream.of(
                new Case(ExperimentSpec.builder().workload("queue"), "workload"),
                new Case(ExperimentSpec.builder().mode("eventual"), "mode"),
                new Case(ExperimentSpec.builder().mode("cp").members(3).cpMembers(0), "cp-members"),
                new Case(ExperimentSpec.builder().mode("cp-unsafe").members(3).cpMembers(3), "cp-members"),
                new Case(ExperimentSpec.builder().mode("cp").members(2), "members"),
                new Case(ExperimentSpec.builder().nemesis("flood"), "nemesis.name"),
                new Case(ExperimentSpec.builder().nemesis("crash").members(1), "members"),
                new Case(ExperimentSpec.builder().nemesis("lose-majority").members(3), "nemesis.name"),
                new Case(ExperimentSpec.builder().nemesis("join").nemesisSizes(List.of(3, 2)), "nemesis.sizes[1]"),
                new Case(ExperimentSpec.builder().workload("bank").keys(1), "keys"),
                new Case(ExperimentSpec.builder().clients(0), "clients"),
                new Case(ExperimentSpec.builder().rate(-1), "rate"),
                new Case(ExperimentSpec.builder().duration(Duration.ZERO), "duration-seconds"),
                new Case(ExperimentSpec.builder().map(dev.flotilla.grid.MapSettings.DEFAULT.withBackupCount(7)),
                        "map.backup-count"),
                new Case(ExperimentSpec.builder().cluster("docker"), "cluster"),
                new Case(ExperimentSpec.builder().nemesis("pause").members(3), "nemesis.name"),
                new Case(ExperimentSpec.builder().nemesis("kill-two").members(2), "members"),
                new Case(ExperimentSpec.builder().pauseFor(Duration.ZERO), "nemesis.pause-seconds"),
                new Case(ExperimentSpec.builder().maxNoHeartbeat(Duration.ofSeconds(1)), "max-no-heartbeat-seconds")
        ).forEach(c -> assertThatThrownBy(c.builder()::build)
                .as(c.field())
                .isInstanceOf(InvalidSpecException.class)
                .extracting(e -> ((InvalidSpecException) e).field()).isEqualTo(c.field()));
    }

    @Test
    void fromYaml_processKeys_areReadAndResolved() throws IOException {
        ExperimentSpec spec = parse("""
                workload: documents
                mode: atomic-key
                cluster: processes
                members: 3
                nemesis: {name: pause, pause-seconds: 6, interval-seconds: 4}
                idempotency-keys: false
                max-no-heartbeat-seconds: 4
                """);
        assertThat(spec.cluster()).isEqualTo(ClusterKind.PROCESSES);
        assertThat(spec.nemesis().name()).isEqualTo("pause");
        assertThat(spec.nemesis().needsProcesses()).isTrue();
        assertThat(spec.pauseFor()).isEqualTo(Duration.ofSeconds(6));
        assertThat(spec.idempotencyKeys()).isFalse();
        assertThat(spec.maxNoHeartbeat()).isEqualTo(Duration.ofSeconds(4));
        assertThat(spec.maxMembers()).isEqualTo(3);
        assertThat(spec.toMap()).containsEntry("cluster", "processes").containsEntry("idempotency-keys", false);
    }

    @Test
    void maxMembers_join_isTheLastSize() throws IOException {
        assertThat(parse("workload: set\nmode: atomic-key\nnemesis: {name: join, sizes: [2, 3, 5]}\n").maxMembers())
                .isEqualTo(5);
    }

    @Test
    void toMap_roundTripsThroughYamlKeys() throws IOException {
        ExperimentSpec spec = parse("workload: bank\nmode: locked\nmembers: 2\nnemesis: {name: leave}\nseed: 5\n");
        assertThat(spec.toMap()).containsEntry("workload", "bank").containsEntry("seed", 5L)
                .containsKeys("map", "nemesis", "duration-seconds", "safe-timeout-seconds");
    }

    @Test
    void shippedSpecs_allParse() throws IOException {
        Path dir = Path.of("..", "config", "experiments");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> specs = files.filter(p -> p.toString().endsWith(".yml")).toList();
            assertThat(specs).isNotEmpty();
            for (Path file : specs) {
                assertThat(ExperimentSpec.fromYaml(file).workload()).as(file.toString()).isNotNull();
            }
        }
    }

    @Test
    void maxMembers_churnAndCrashDuringMigration_oneMoreThanMembers() {
        for (String nemesis : List.of("churn", "crash-during-migration")) {
            ExperimentSpec spec = ExperimentSpec.builder().cluster("processes").members(3).nemesis(nemesis).build();
            // A fleet has addresses for exactly maxMembers nodes: churn's join (3 -> 4) needs the fourth.
            assertThat(spec.maxMembers()).as(nemesis).isEqualTo(4);
        }
        assertThat(ExperimentSpec.builder().members(3).nemesis("kill").build().maxMembers()).isEqualTo(3);
        assertThat(ExperimentSpec.builder().members(1).nemesis("join").nemesisSizes(List.of(2, 3, 5)).build()
                .maxMembers()).isEqualTo(5);
    }
}
