package dev.flotilla.bench.scaling;

import dev.flotilla.client.Document;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part (d), a node joins under load: two nodes holding {@code joinEntries} documents (one backup each), the mixed
 * workload running over all the map's keys from a client that lists all three nodes (as an operator's would: the
 * third is ejected until it answers), then the third node is started. Calls per second are recorded throughout;
 * the times that matter are when the node was started, when every node listed it, and when every node's
 * {@code /health/safe} answered UP again (migrations done, every partition backed up).
 */
final class JoinUnderLoad {
    static final String SECTION = "join";
    private static final Duration SAFE_LIMIT = Duration.ofSeconds(300);
    private static final int SAMPLE = 2000;

    /**
     * The join's figures; times in seconds since the load started.
     *
     * @param entries       documents loaded before the join
     * @param loadSeconds   how long loading them took
     * @param startSecond   the third node's process was started
     * @param memberSecond  the first node listed three members (the new member has joined the grid)
     * @param servingSecond every node, the new one too, answered over HTTP with three members
     * @param safeSecond    every node answered /health/safe UP (NaN: not within the limit)
     * @param okPerSecond   successful calls in each second
     * @param failedPerSecond failed calls in each second
     * @param before        mean calls per second before the start
     * @param during        mean calls per second from the start until safe
     * @param after         mean calls per second after safe
     * @param sampled       keys read back after the run
     * @param missing       of those, keys not found (lost entries)
     */
    record Result(int entries, double loadSeconds, double startSecond, double memberSecond, double servingSecond,
                  double safeSecond,
                  long[] okPerSecond, long[] failedPerSecond, double before, double during, double after,
                  int sampled, int missing) {
    }

    private final StudySettings settings;
    private final StudyLog log;
    private final List<String> notes;

    JoinUnderLoad(StudySettings settings, StudyLog log, List<String> notes) {
        this.settings = settings;
        this.log = log;
        this.notes = notes;
    }

    Result run(Path dir) throws InterruptedException {
        try (StudyFleet fleet = StudyFleet.start(3, dir)) {
            fleet.growTo(2, notes::add);
            FlotillaClient loader = fleet.client(fleet.nodes().stream().map(n -> n.http()).toList(),
                    Routing.ROUND_ROBIN);
            RemoteMap loading = loader.map("join");
            List<String> keys = Op.keys("j", settings.joinEntries());
            log.say("join: loading " + keys.size() + " entries into 2 nodes");
            StudyFleet.Loaded loaded = StudyFleet.load(loading, keys, 4, settings.joinLoadBudget());
            double loadSeconds = loaded.seconds();
            if (loaded.entries() < keys.size()) {
                notes.add(String.format(java.util.Locale.ROOT, "join: %,d of %,d entries loaded %s; the join ran with"
                                + " %,d", loaded.entries(), keys.size(), loaded.failure().isEmpty()
                                ? "within the " + settings.joinLoadBudget().toSeconds() + " s loading budget"
                                : "before a batch failed five times (" + loaded.failure() + ")", loaded.entries()));
                keys = keys.subList(0, loaded.entries());
            }
            log.say("join: loaded " + loaded.entries() + " entries in " + Math.round(loadSeconds * 10) / 10.0 + " s");
            fleet.awaitSafe();
            FlotillaClient client = fleet.client(fleet.fleet().endpoints(), Routing.ROUND_ROBIN);
            RemoteMap map = client.map("join");
            RawJson document = RawJson.of(Op.DOCUMENT);
            int count = keys.size();
            ClosedLoop.Call call = random -> {
                String key = Op.key("j", count, random);
                if (random.nextDouble() < Op.READ_FRACTION) {
                    map.get(key);
                } else {
                    map.put(key, document);
                }
            };
            FlotillaClient first = fleet.clientOf(fleet.nodes().get(0));
            double start;
            double member = Double.NaN;
            double serving;
            double safe = Double.NaN;
            long[] ok;
            long[] failed;
            try (ClosedLoop loop = ClosedLoop.start("join", settings.threads(), call)) {
                Thread.sleep(settings.joinBefore().toMillis());
                start = loop.elapsedSeconds();
                // Started beside the load; the fleet's call returns once every node, the new one too, lists it.
                java.util.concurrent.CompletableFuture<Void> joined = java.util.concurrent.CompletableFuture.runAsync(
                        () -> fleet.fleet().addMemberIfBelow(3));
                while (!joined.isDone()) {
                    if (Double.isNaN(member) && memberCount(first) >= 3) {
                        member = loop.elapsedSeconds();
                    }
                    Thread.sleep(50);
                }
                try {
                    joined.join();
                    serving = loop.elapsedSeconds();
                } catch (java.util.concurrent.CompletionException slow) {
                    // The fleet gives a joining node 60 s; on a loaded machine its JVM can take longer. It still
                    // runs: keep measuring, and let /health/safe (which asks the new node too) say when it is done.
                    serving = Double.NaN;
                    notes.add("join: the third node was not serving within the fleet's limit ("
                            + slow.getCause().getMessage() + "); kept waiting for /health/safe");
                }
                if (Double.isNaN(member) && !Double.isNaN(serving)) {
                    member = serving;
                }
                log.say("join: third node a member " + Math.round((member - start) * 10) / 10.0 + " s after its start, "
                        + (Double.isNaN(serving) ? "not serving within the fleet's limit"
                        : "serving after " + Math.round((serving - start) * 10) / 10.0 + " s"));
                long deadline = System.nanoTime() + SAFE_LIMIT.toNanos();
                while (System.nanoTime() < deadline) {
                    if (Double.isNaN(member) && memberCount(first) >= 3) {
                        member = loop.elapsedSeconds();
                    }
                    if (fleet.healthSafe() && !Double.isNaN(member)) {
                        safe = loop.elapsedSeconds();
                        break;
                    }
                    Thread.sleep(100);
                }
                log.say("join: /health/safe UP on every node " + Math.round((safe - start) * 10) / 10.0
                        + " s after the start; last failure: " + loop.lastFailure());
                Thread.sleep(settings.joinAfter().toMillis());
                int seconds = (int) Math.floor(loop.elapsedSeconds());
                ok = loop.okTimeline(seconds);
                failed = loop.failedTimeline(seconds);
            }
            int missing = missing(map, keys);
            double end = ok.length;
            double safeOrEnd = Double.isNaN(safe) ? end : safe;
            return new Result(count, loadSeconds, start, member, serving, safe, ok, failed, mean(ok, 1, start),
                    mean(ok, start, safeOrEnd), mean(ok, safeOrEnd, end), Math.min(SAMPLE, count),
                    missing);
        }
    }

    private static int memberCount(FlotillaClient client) {
        try {
            return client.members().members().size();
        } catch (RuntimeException busy) {
            return 0;
        }
    }

    /** Keys of an even sample that read back absent. */
    private static int missing(RemoteMap map, List<String> keys) {
        int step = Math.max(1, keys.size() / SAMPLE);
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < keys.size() && sample.size() < SAMPLE; i += step) {
            sample.add(keys.get(i));
        }
        int found = 0;
        for (int from = 0; from < sample.size(); from += 1000) {
            Map<String, Document> got = map.getAll(sample.subList(from, Math.min(sample.size(), from + 1000)));
            found += got.size();
        }
        return sample.size() - found;
    }

    /** Mean of the whole seconds inside [from, to). */
    static double mean(long[] perSecond, double from, double to) {
        int first = (int) Math.ceil(from);
        int last = (int) Math.floor(to);
        long sum = 0;
        int n = 0;
        for (int s = first; s < last && s < perSecond.length; s++) {
            sum += perSecond[s];
            n++;
        }
        return n == 0 ? Double.NaN : sum / (double) n;
    }
}
