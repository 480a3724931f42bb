package dev.flotilla.lab.nemesis;

import java.util.List;

/**
 * Scale-out under load: grows the cluster through {@link NemesisSettings#sizes()} (default: initial + 1, + 2,
 * + 4, i.e. 1 -> 2 -> 3 -> 5), one step per interval. Each window runs from the first join of the step until
 * the cluster is safe again, so it covers the migration that the join starts.
 */
final class JoinNemesis implements Nemesis {
    @Override
    public String name() {
        return "join";
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return 1;
    }

    @Override
    public int healedSize(int initialSize, NemesisSettings settings) {
        List<Integer> sizes = sizes(initialSize, settings);
        return Math.max(initialSize, sizes.get(sizes.size() - 1));
    }

    @Override
    public <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        for (int target : sizes(cluster.size(), settings)) {
            if (!schedule.pause(settings.interval())) {
                return;
            }
            int before = cluster.size();
            if (target <= before) {
                continue;
            }
            long start = cluster.nanos();
            List<String> added = cluster.growTo(target, schedule::stopped);
            boolean safe = cluster.awaitSafe(settings.settleLimit());
            log.add(new Fault("join", added, before + " -> " + cluster.size() + " members"
                    + (safe ? "" : " (not safe yet)"), start, cluster.nanos()));
        }
    }

    @Override
    public <M> void heal(ClusterControl<M> cluster, int initialSize, NemesisSettings settings, FaultLog log) {
        int target = healedSize(initialSize, settings);
        if (cluster.size() < target) {
            long start = cluster.nanos();
            int before = cluster.size();
            List<String> added = cluster.growTo(target);
            // After the clients stopped: the report says so, and the matrix does not count it as a step under load.
            log.add(new Fault("join", added, before + " -> " + cluster.size() + " members (after the run, no load)",
                    start, cluster.nanos()));
        }
    }

    static List<Integer> sizes(int initialSize, NemesisSettings settings) {
        return settings.sizes().isEmpty()
                ? List.of(initialSize + 1, initialSize + 2, initialSize + 4)
                : settings.sizes();
    }
}
