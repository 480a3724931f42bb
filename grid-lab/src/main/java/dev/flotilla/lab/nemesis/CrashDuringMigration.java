package dev.flotilla.lab.nemesis;

import dev.flotilla.grid.Grid;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Once per interval: a member joins, and as soon as the migration it starts is seen running, another member
 * (not the first, not the newcomer) is terminated, so partitions are lost while replicas are in motion. The
 * cluster size stays the same. The window's detail says whether the migration was actually seen in flight.
 */
final class CrashDuringMigration implements Nemesis {
    private static final Duration MIGRATION_START_LIMIT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "crash-during-migration";
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return 2;
    }

    @Override
    public void run(ClusterControl cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        Random random = new Random(settings.seed());
        int size = cluster.size();
        while (schedule.pause(settings.interval())) {
            long start = cluster.nanos();
            Grid newcomer = cluster.addMember();
            boolean seen = cluster.awaitMigrationStarted(MIGRATION_START_LIMIT);
            List<Grid> candidates = cluster.faultable().stream().filter(g -> g != newcomer).toList();
            if (candidates.isEmpty()) {
                return;
            }
            Grid victim = candidates.get(random.nextInt(candidates.size()));
            String who = cluster.label(victim);
            cluster.crash(victim);
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault(name(), "joined " + cluster.label(newcomer) + ", crashed " + who
                    + (seen ? " during the migration" : " (no migration seen in flight)")
                    + (safe ? "" : " (not safe yet)"), start, cluster.nanos()));
            if (cluster.size() < size && !schedule.stopped()) {
                MemberLoss.replace(cluster, size, settings, log);
            }
        }
    }
}
