package dev.flotilla.lab.report;

import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.nemesis.Fault;

import java.util.List;
import java.util.Locale;

/**
 * Repeated trials of one experiment, each with its own seed: the lab states results as rates ("lost acknowledged
 * adds in 3 of 10 trials, 0.4% of acknowledged operations"), because one run of a race proves little either way.
 *
 * @param name   the experiment's label
 * @param setup  the cluster the trials ran on, for tables (e.g. "3 nodes, backup 1")
 * @param trials each trial's result, in order
 */
public record TrialSet(String name, String setup, List<RunResult> trials) {

    /** Copies the list. */
    public TrialSet {
        trials = List.copyOf(trials);
    }

    /** Trials with that verdict. */
    public long count(Verdict verdict) {
        return trials.stream().filter(r -> r.verdict() == verdict).count();
    }

    /** Trials in which at least one acknowledged operation was lost. */
    public long trialsWithLoss() {
        return trials.stream().filter(r -> r.losses().lost() > 0).count();
    }

    /** Lost acknowledged operations over every trial. */
    public long lost() {
        return trials.stream().mapToLong(r -> r.losses().lost()).sum();
    }

    /** Acknowledged operations over every trial. */
    public long acknowledged() {
        return trials.stream().mapToLong(r -> r.counts().ok()).sum();
    }

    /** The losses of every trial added up by when they were acknowledged. */
    public LossTiming losses() {
        return new LossTiming(named(), lost(), trials.stream().mapToLong(r -> r.losses().beforeFault()).sum(),
                trials.stream().mapToLong(r -> r.losses().duringFault()).sum(),
                trials.stream().mapToLong(r -> r.losses().afterReported()).sum(),
                trials.stream().mapToLong(r -> r.losses().invokedAfterFault()).sum());
    }

    /** Trials whose fault never fired while the clients ran: none of them is a pass for that fault. */
    public long trialsWithoutFault() {
        return trials.stream().filter(r -> r.coverage().neverFired()).count();
    }

    /** Trials that do not cover their fault: it never fired, or nothing was acknowledged after a window. */
    public long trialsUncovered() {
        return trials.stream().filter(r -> !r.coverage().covered()).count();
    }

    /**
     * "INVALID 2, VALID 1, UNKNOWN 0 of 3", followed by the trials that do not cover their fault
     * ("; fault never fired in 1, no acknowledged operation after a fault in 1").
     */
    public String verdicts() {
        String counts = "INVALID " + count(Verdict.INVALID) + ", VALID " + count(Verdict.VALID) + ", UNKNOWN "
                + count(Verdict.UNKNOWN) + " of " + trials.size();
        long neverFired = trialsWithoutFault();
        long unacknowledged = trialsUncovered() - neverFired;
        List<String> qualifiers = new java.util.ArrayList<>();
        if (neverFired > 0) {
            qualifiers.add("fault never fired in " + neverFired);
        }
        if (unacknowledged > 0) {
            qualifiers.add("no acknowledged operation after a fault in " + unacknowledged);
        }
        return qualifiers.isEmpty() ? counts : counts + "; " + String.join(", ", qualifiers);
    }

    /**
     * Heal-to-merged times over every trial's {@code merge} windows (a network partition healed, until the members
     * formed one safe cluster again): "3.6-5.1 s over 4 heals", with the heals that never merged named; "-" when
     * no partition was healed.
     */
    public String healToMerge() {
        List<Fault> merges = trials.stream().flatMap(r -> r.faults().stream()).filter(f -> f.kind().equals("merge")).toList();
        if (merges.isEmpty()) {
            return "-";
        }
        double[] seconds = merges.stream().filter(f -> f.reportedNanos() >= 0)
                .mapToDouble(f -> (f.reportedNanos() - f.startNanos()) / 1e9).sorted().toArray();
        long never = merges.size() - seconds.length;
        String merged = seconds.length == 0 ? "never merged" : String.format(Locale.ROOT, "%.1f-%.1f s over %d heal%s",
                seconds[0], seconds[seconds.length - 1], seconds.length, seconds.length == 1 ? "" : "s");
        return never == 0 ? merged : merged + ", " + never + " not merged within the settle limit";
    }

    /** Whether every trial's workload names lost operations one by one. */
    public boolean named() {
        return !trials.isEmpty() && trials.stream().allMatch(r -> r.losses().named());
    }

    /** "lost acknowledged operations in 2 of 3 trials (0.40% of 1,200 acknowledged)", or "none lost in 3 trials". */
    public String lossRate() {
        if (!named()) {
            return "not named one by one (the verdict judges the history as a whole)";
        }
        long lost = lost();
        if (lost == 0) {
            return "no acknowledged operation named lost in " + trials.size() + " trial" + (trials.size() == 1 ? "" : "s");
        }
        return String.format(Locale.ROOT, "lost acknowledged operations in %d of %d trials (%d, %.2f%% of %,d acknowledged)",
                trialsWithLoss(), trials.size(), lost, 100.0 * lost / Math.max(1, acknowledged()), acknowledged());
    }
}
