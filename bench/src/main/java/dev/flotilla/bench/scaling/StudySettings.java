package dev.flotilla.bench.scaling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one run of the study measures and for how long: every figure of a run comes from here, so the report can
 * print them next to the results.
 *
 * @param quick        tiny windows, fewer cells: a smoke run, not figures to quote
 * @param out          where index.html, results.json and the node logs go
 * @param sections     the parts to run
 * @param warmup       load before each measurement window
 * @param window       each cell's measurement window
 * @param rounds       rounds of the interleaved hop and vertical cells (medians reported)
 * @param horizontalRounds rounds of each horizontal cell
 * @param threads      closed-loop threads of the saturated cells (calls in flight)
 * @param keys         keys of the hop, vertical and horizontal workloads
 * @param sizes        cluster sizes of the horizontal part
 * @param slowAt       the size at which one node is made slow
 * @param joinEntries  entries loaded before the join
 * @param joinLoadBudget how long loading them may take: past it the join runs with what was loaded
 * @param joinBefore   load before the third node is started
 * @param joinAfter    load after the cluster is safe again
 * @param nodeJavaOpts JVM options of every node process
 */
record StudySettings(boolean quick, Path out, Set<Section> sections, Duration warmup, Duration window, int rounds,
                     int horizontalRounds, int threads, int keys, List<Integer> sizes, int slowAt, int joinEntries,
                     Duration joinLoadBudget, Duration joinBefore, Duration joinAfter, String nodeJavaOpts) {

    /** The four parts of the study, in the order they run. */
    enum Section {
        HOPS("hops"), VERTICAL("vertical"), HORIZONTAL("horizontal"), JOIN("join");

        final String id;

        Section(String id) {
            this.id = id;
        }

        static Section of(String id) {
            for (Section s : values()) {
                if (s.id.equals(id)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("unknown section '" + id + "' (hops, vertical, horizontal, join)");
        }
    }

    /** The product's node defaults (bin/flotilla), not the lab's small C1-only nodes: a bench measures the product. */
    static final String NODE_JAVA_OPTS = "-Xms256m -Xmx1g";

    static StudySettings full(Path out) {
        return new StudySettings(false, out, EnumSet.allOf(Section.class), Duration.ofSeconds(1), Duration.ofSeconds(3),
                3, 2, 16, 10_000, List.of(1, 2, 3, 5), 3, 1_000_000, Duration.ofSeconds(120), Duration.ofSeconds(10), Duration.ofSeconds(10),
                NODE_JAVA_OPTS);
    }

    static StudySettings quick(Path out) {
        return new StudySettings(true, out, EnumSet.allOf(Section.class), Duration.ofMillis(300),
                Duration.ofMillis(1000), 1, 1, 8, 2_000, List.of(1, 2), 2, 20_000, Duration.ofSeconds(30), Duration.ofSeconds(2),
                Duration.ofSeconds(2), NODE_JAVA_OPTS);
    }

    StudySettings withSections(Set<Section> chosen) {
        return new StudySettings(quick, out, EnumSet.copyOf(chosen), warmup, window, rounds, horizontalRounds, threads,
                keys, sizes, slowAt, joinEntries, joinLoadBudget, joinBefore, joinAfter, nodeJavaOpts);
    }

    StudySettings withSizes(List<Integer> chosen) {
        return new StudySettings(quick, out, sections, warmup, window, rounds, horizontalRounds, threads, keys,
                List.copyOf(new java.util.TreeSet<>(chosen)), slowAt, joinEntries, joinLoadBudget, joinBefore, joinAfter, nodeJavaOpts);
    }

    StudySettings withJoinEntries(int entries) {
        return new StudySettings(quick, out, sections, warmup, window, rounds, horizontalRounds, threads, keys, sizes,
                slowAt, entries, joinLoadBudget, joinBefore, joinAfter, nodeJavaOpts);
    }

    boolean runs(Section section) {
        return sections.contains(section);
    }

    /** The largest node count any part starts. */
    int capacity() {
        int largest = runs(Section.HORIZONTAL) ? sizes.get(sizes.size() - 1) : 1;
        return Math.max(largest, runs(Section.HOPS) ? 2 : 1);
    }
}
