package dev.flotilla.lab.nemesis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One interval into the run, terminates a majority of the CP members (never the member that hosts the clients) at once. Raft
 * cannot recover from that by itself: the heal adds replacement members so maps are whole again, but CP
 * structures stay unavailable, which is what the cp mode promises ("availability lost when a majority of CP
 * members is lost"). Needs a CP member count of 3 or more.
 */
final class LoseMajority implements Nemesis {
    @Override
    public String name() {
        return "lose-majority";
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return Math.max(3, cpMemberCount);
    }

    @Override
    public <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        if (cluster.cpMemberCount() < 3) {
            throw new IllegalStateException("lose-majority needs CP members (cp member count 3 or more)");
        }
        if (!schedule.pause(settings.interval())) {
            return;
        }
        List<M> faultable = cluster.faultable();
        List<M> cp = new ArrayList<>(cluster.cpMembers());
        int majority = cp.size() / 2 + 1;
        cp.retainAll(faultable);
        Collections.shuffle(cp, new Random(settings.seed()));
        List<M> victims = List.copyOf(cp.subList(0, Math.min(majority, cp.size())));
        int before = cluster.size();
        int cpBefore = cluster.cpMembers().size();
        List<String> names = victims.stream().map(cluster::label).toList();
        long start = cluster.nanos();
        cluster.crash(victims);
        long reported = cluster.awaitRemoved(victims, settings.settleLimit()) ? cluster.nanos() : -1;
        boolean safe = cluster.awaitSafe(settings.settleLimit());
        log.add(new Fault(name(), names, "terminated " + names.size() + " of " + cpBefore + " CP members: "
                + before + " -> " + cluster.size() + " members" + (safe ? "" : " (not safe yet)"),
                start, reported, cluster.nanos()));
    }
}
