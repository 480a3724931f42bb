package dev.flotilla.lab.nemesis;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** restart-all, crash-all, kill-restart-all and store-outage against a scripted cluster: what each does, in order, and its window. */
class WholeClusterFaultsTest {
    private static final NemesisSettings SETTINGS = new NemesisSettings(Duration.ofMillis(10), List.of(),
            Duration.ofSeconds(1), Duration.ofMillis(50), 1, PartitionShape.ISOLATE_ONE, Duration.ofSeconds(1));

    @Test
    void restartAll_stopsEveryNodeGracefullyThenRestartsTheSameNodes_oneWindowNamingThemAll() {
        Scripted cluster = new Scripted(true);
        FaultLog log = new FaultLog();

        Nemeses.byName("restart-all").run(cluster, SETTINGS, cluster.schedule, log);

        assertThat(cluster.calls).containsExactly("stopAll graceful", "restart [n1, n2]", "awaitSafe");
        Fault f = log.faults().get(0);
        assertThat(f.kind()).isEqualTo("restart-all");
        assertThat(f.nodes()).containsExactly("n1", "n2");
        assertThat(f.detail()).startsWith("SIGTERM to n1, n2: all 2 exited after")
                .contains("restarted on the same addresses: 2 members, safe again");
        assertThat(f.reportedNanos()).isBetween(f.startNanos(), f.endNanos());
    }

    @Test
    void crashAll_sigkillsEveryNode() {
        Scripted cluster = new Scripted(true);
        FaultLog log = new FaultLog();

        Nemeses.byName("crash-all").run(cluster, SETTINGS, cluster.schedule, log);

        assertThat(cluster.calls.get(0)).isEqualTo("stopAll kill");
        assertThat(log.faults().get(0).detail()).startsWith("SIGKILL to n1, n2");
    }

    @Test
    void killRestartAll_killsOneWaitsForTheSurvivorThenRestartsItWithTheKilledNode() {
        Scripted cluster = new Scripted(true);
        FaultLog log = new FaultLog();

        Nemeses.byName("kill-restart-all").run(cluster, SETTINGS, cluster.schedule, log);

        String victim = cluster.calls.get(0).replaceAll("crash \\[(.*)]", "$1");
        String survivor = victim.equals("n1") ? "n2" : "n1";
        assertThat(cluster.calls).containsExactly("crash [" + victim + "]", "awaitSafe", "stopAll graceful",
                "restart [" + survivor + ", " + victim + "]", "awaitSafe");
        assertThat(log.faults()).extracting(Fault::kind).containsExactly("kill", "restart-all");
        assertThat(log.faults().get(0).nodes()).containsExactly(victim);
        assertThat(log.faults().get(0).detail()).startsWith("SIGKILL; removed after")
                .contains("1 survivors safe").endsWith("not restarted until the restart-all");
        assertThat(log.faults().get(1).nodes()).containsExactly(survivor);
        assertThat(log.faults().get(1).detail()).startsWith("SIGTERM to " + survivor + ": all 1 exited after");
    }

    @Test
    void storeOutage_pausesTheDatabaseForPauseSecondsThenResumes_windowNamesTheDatabase() {
        Scripted cluster = new Scripted(true);
        FaultLog log = new FaultLog();
        Nemesis outage = Nemeses.byName("store-outage");

        outage.run(cluster, SETTINGS, cluster.schedule, log);

        assertThat(outage.needsStore()).isTrue();
        assertThat(cluster.calls).containsExactly("pauseStore", "resumeStore");
        Fault f = log.faults().get(0);
        assertThat(f.nodes()).containsExactly("store 127.0.0.254:1");
        assertThat(f.endNanos() - f.startNanos()).isGreaterThanOrEqualTo(SETTINGS.pauseFor().toNanos());
        assertThat(f.reportedNanos()).isEqualTo(-1);
        assertThat(f.detail()).startsWith("SIGSTOP to the database for").contains("2 members ran throughout");
    }

    @Test
    void storeOutage_withoutADatabase_refusesToRun() {
        Scripted cluster = new Scripted(false);

        assertThatThrownBy(() -> Nemeses.byName("store-outage").run(cluster, SETTINGS, cluster.schedule, new FaultLog()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs a database");
        assertThat(cluster.calls).isEmpty();
    }

    /** Two members n1 and n2; records every fault call and ends the schedule after the first step. */
    private static final class Scripted implements ClusterControl<String> {
        final Schedule schedule = new Schedule();
        final List<String> calls = new ArrayList<>();
        private final boolean store;
        private final List<String> running = new ArrayList<>(List.of("n1", "n2"));
        private final long start = System.nanoTime();

        Scripted(boolean store) {
            this.store = store;
        }

        @Override
        public List<String> stopAll(boolean graceful) {
            calls.add("stopAll " + (graceful ? "graceful" : "kill"));
            List<String> stopped = List.copyOf(running);
            running.clear();
            return stopped;
        }

        @Override
        public List<String> restart(List<String> members) {
            calls.add("restart " + members);
            running.addAll(members);
            return members;
        }

        @Override
        public boolean awaitSafe(Duration timeout) {
            calls.add("awaitSafe");
            schedule.stop();
            return true;
        }

        @Override
        public boolean supportsStoreFaults() {
            return store;
        }

        @Override
        public String storeLabel() {
            return "store 127.0.0.254:1";
        }

        @Override
        public void pauseStore() {
            calls.add("pauseStore");
        }

        @Override
        public void resumeStore() {
            calls.add("resumeStore");
            schedule.stop();
        }

        @Override
        public List<String> members() {
            return List.copyOf(running);
        }

        @Override
        public List<String> faultable() {
            return members();
        }

        @Override
        public int cpMemberCount() {
            return 0;
        }

        @Override
        public List<String> cpMembers() {
            return List.of();
        }

        @Override
        public String addMemberIfBelow(int target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void leave(String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void crash(List<String> members) {
            calls.add("crash " + members);
            running.removeAll(members);
        }

        @Override
        public boolean supportsProcessFaults() {
            return true;
        }

        @Override
        public String restart(String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void pause(String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resume(String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resumeAll() {
        }

        @Override
        public boolean awaitRemoved(List<String> gone, Duration timeout) {
            return true;
        }

        @Override
        public boolean awaitMigrationStarted(Duration timeout) {
            return false;
        }

        @Override
        public String label(String member) {
            return member;
        }

        @Override
        public long nanos() {
            return System.nanoTime() - start;
        }

        @Override
        public void startClock(long nanoTime) {
        }
    }
}
