package dev.flotilla.lab.nemesis;

import dev.flotilla.grid.Grid;

import java.util.List;
import java.util.Random;

/**
 * The {@code leave} and {@code crash} nemeses: once per interval, a random member other than the first leaves
 * gracefully or is terminated; once the cluster is safe again a replacement joins, so the size stays put and
 * the next fault has something to hit. Two windows per step: the loss, then the replacement's join.
 */
final class MemberLoss implements Nemesis {
    private final boolean graceful;

    MemberLoss(boolean graceful) {
        this.graceful = graceful;
    }

    @Override
    public String name() {
        return graceful ? "leave" : "crash";
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
            List<Grid> candidates = cluster.faultable();
            if (candidates.isEmpty()) {
                return;
            }
            Grid victim = candidates.get(random.nextInt(candidates.size()));
            String who = cluster.label(victim);
            long start = cluster.nanos();
            if (graceful) {
                cluster.leave(victim);
            } else {
                cluster.crash(victim);
            }
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault(name(), who + ": " + size + " -> " + cluster.size() + " members"
                    + (safe ? "" : " (not safe yet)"), start, cluster.nanos()));
            if (schedule.stopped()) {
                return;
            }
            replace(cluster, size, settings, log);
        }
    }

    static void replace(ClusterControl cluster, int size, NemesisSettings settings, FaultLog log) {
        long start = cluster.nanos();
        int before = cluster.size();
        while (cluster.addMemberIfBelow(size) != null) {
            // One member per call, up to the size.
        }
        boolean safe = cluster.awaitSafe(settings.settleLimit());
        log.add(new Fault("join", "replacement: " + before + " -> " + cluster.size() + " members"
                + (safe ? "" : " (not safe yet)"), start, cluster.nanos()));
    }
}
