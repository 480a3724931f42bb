package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Network partitions between node processes: once per interval the members are shuffled (from the seed), cut into
 * the sides of {@link NemesisSettings#shape()} with real packet drops, kept apart for
 * {@link NemesisSettings#partitionFor()} while the clients go on reaching every member, and healed. Every process
 * keeps running throughout: each side that removes the other goes on as a cluster of its own (split brain), and
 * after the heal Hazelcast merges the smaller cluster into the larger one, by each map's merge policy.
 *
 * <p>Two windows per cut: {@code partition} (injected, reported once each side has removed the other, ended at the
 * heal) and {@code merge} (from the heal until the members form one safe cluster again, reported then; -1 when they
 * did not within the settle limit). A cut shorter than the failure detector's timeout is never reported: the
 * members only saw a silence, and the report says so.
 */
final class PartitionNemesis implements Nemesis {

    @Override
    public String name() {
        return "partition";
    }

    @Override
    public int minimumMembers(int cpMemberCount) {
        return 2;
    }

    @Override
    public boolean needsProcesses() {
        return true;
    }

    @Override
    public boolean needsNetwork() {
        return true;
    }

    @Override
    public <M> void run(ClusterControl<M> cluster, NemesisSettings settings, Schedule schedule, FaultLog log) {
        PartitionShape shape = settings.shape();
        Random random = new Random(settings.seed());
        while (schedule.pause(settings.interval())) {
            List<M> members = new ArrayList<>(cluster.faultable());
            if (members.size() < shape.minimumMembers()) {
                return;
            }
            Collections.shuffle(members, random);
            cutAndHeal(cluster, settings, shape, members, log);
        }
    }

    private static <M> void cutAndHeal(ClusterControl<M> cluster, NemesisSettings settings, PartitionShape shape,
                                       List<M> members, FaultLog log) {
        Map<M, Set<M>> unreachable = shape.unreachable(members);
        String sides = shape.describe(members, cluster::label);
        List<String> minority = shape.sides(members).get(0).stream().map(cluster::label).toList();
        long start = cluster.nanos();
        long reported = -1;
        List<List<String>> views;
        try {
            cluster.cut(unreachable);
            if (cluster.awaitCutSeen(unreachable, settings.partitionFor())) {
                reported = cluster.nanos();
            }
            views = cluster.views();
            long left = settings.partitionFor().toNanos() - (cluster.nanos() - start);
            if (left > 0) {
                // Pacing, not a correctness wait: the cut lasts as long as the spec says, even if the run ends.
                new Schedule().pause(Duration.ofNanos(left));
            }
        } finally {
            cluster.healNetwork();
        }
        long healed = cluster.nanos();
        String seen = reported < 0
                ? "the sides never removed each other (shorter than the failure detector's timeout?)"
                : String.format(Locale.ROOT, "each side had removed the other after %.1f s", (reported - start) / 1e9);
        log.add(new Fault("partition", minority, "cut " + sides + " for " + seconds(healed - start) + "; " + seen
                + "; memberships seen: " + views, start, reported, healed));

        boolean merged = cluster.awaitSafe(settings.settleLimit());
        long end = cluster.nanos();
        log.add(new Fault("merge", members.stream().map(cluster::label).toList(), merged
                ? "one safe cluster of " + cluster.size() + " again " + seconds(end - healed) + " after the heal"
                : "not one safe cluster within " + settings.settleLimit().toSeconds() + " s of the heal; memberships: "
                        + cluster.views(), healed, merged ? end : -1, end));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
