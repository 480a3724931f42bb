package dev.flotilla.lab.nemesis;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The name-based registry of nemeses: {@code none}, {@code join}, {@code leave}, {@code crash},
 * {@code crash-during-migration}, {@code churn}, {@code lose-majority}, {@code kill}, {@code kill-two}, and on node
 * processes only {@code pause}, {@code partition}, {@code restart-all} and {@code crash-all} (every node stopped
 * with SIGTERM, or SIGKILL, and started again), {@code kill-restart-all} (one node SIGKILLed, then every node
 * restarted) and {@code store-outage} (the database of persistent maps stopped for a while):
 * {@link WholeClusterFaults}.
 */
public final class Nemeses {
    private static final List<String> NAMES = List.of("none", "join", "leave", "crash", "crash-during-migration",
            "churn", "lose-majority", "kill", "kill-two", "pause", "partition", "restart-all", "crash-all",
            "kill-restart-all", "store-outage");
    private static final Map<String, Nemesis> BY_NAME = Stream.concat(
                    Stream.of(new NoNemesis(), new JoinNemesis(), new LoseMajority(), new PartitionNemesis()),
                    Stream.concat(Stream.of(MemberFaults.Action.values()).map(MemberFaults::new),
                            Stream.of(WholeClusterFaults.Action.values()).map(WholeClusterFaults::new)))
            .collect(Collectors.toUnmodifiableMap(Nemesis::name, Function.identity()));

    private Nemeses() {
    }

    /** The registered names, in a stable order. */
    public static List<String> names() {
        return NAMES;
    }

    /** The nemesis of that name (case-insensitive); throws IllegalArgumentException listing the known names. */
    public static Nemesis byName(String name) {
        Nemesis nemesis = name == null ? null : BY_NAME.get(name.toLowerCase(Locale.ROOT));
        if (nemesis == null) {
            throw new IllegalArgumentException("unknown nemesis \"" + name + "\"; known: " + String.join(", ", NAMES));
        }
        return nemesis;
    }
}
