package dev.flotilla.lab.nemesis;

import dev.flotilla.grid.Grid;

import java.util.List;
import java.util.Random;

/**
 * Membership churn: once per interval, alternately a member joins and a random member other than the first
 * leaves gracefully or crashes (a coin flip from the seed), so the cluster swings between its initial size and
 * one more.
 */
final class Churn implements Nemesis {
    @Override
    public String name() {
        return "churn";
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return 1;
    }

    @Override
    public void run(ClusterControl cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        Random random = new Random(settings.seed());
        int size = cluster.size();
        while (schedule.pause(settings.interval())) {
            long start = cluster.nanos();
            int before = cluster.size();
            String kind;
            String detail;
            if (before <= size) {
                kind = "join";
                Grid added = cluster.addMember();
                detail = cluster.label(added);
            } else {
                List<Grid> candidates = cluster.faultable();
                Grid victim = candidates.get(random.nextInt(candidates.size()));
                detail = cluster.label(victim);
                if (random.nextBoolean()) {
                    kind = "leave";
                    cluster.leave(victim);
                } else {
                    kind = "crash";
                    cluster.crash(victim);
                }
            }
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault(kind, detail + ": " + before + " -> " + cluster.size() + " members"
                    + (safe ? "" : " (not safe yet)"), start, cluster.nanos()));
        }
    }
}
