package dev.flotilla.lab.run;

import dev.flotilla.lab.report.Reports;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.report.TrialSet;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one experiment several times, each trial with its own seed, and states the outcome as rates. */
public final class Trials {
    private Trials() {
    }

    /**
     * Runs {@code spec} {@code count} times with seeds {@code seed}, {@code seed + 1}, ...; a single trial writes
     * into {@code dir} itself, several into {@code dir/trial-<k>} plus {@code dir/trials.json} and
     * {@code dir/trials.md}.
     *
     * @throws IOException when the output files cannot be written
     */
    public static TrialSet run(ExperimentSpec spec, int count, Path dir, ProgressListener listener) throws IOException {
        if (count < 1) {
            throw new IllegalArgumentException("trials must be at least 1, was " + count);
        }
        List<RunResult> results = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            ExperimentSpec trial = count == 1 ? spec : spec.toBuilder().seed(spec.seed() + k - 1).build();
            results.add(ExperimentRunner.run(trial, count == 1 ? dir : dir.resolve("trial-" + k), listener));
        }
        TrialSet set = new TrialSet(spec.name(), setup(spec), results);
        if (count > 1) {
            Reports.writeTrials(set, dir);
        }
        return set;
    }

    /** The cluster an experiment runs on, for tables: "3 node processes, backup 1, kill every 10 s". */
    public static String setup(ExperimentSpec spec) {
        StringBuilder s = new StringBuilder().append(spec.members())
                .append(spec.cluster() == ClusterKind.PROCESSES ? " node processes" : " in-process members");
        if (!spec.nemesisSizes().isEmpty()) {
            spec.nemesisSizes().forEach(size -> s.append(" -> ").append(size));
        }
        s.append(", backup ").append(spec.map().backupCount());
        if (spec.cpMembers() > 0) {
            s.append(", ").append(spec.cpMembers()).append(" CP");
        }
        if (!spec.idempotencyKeys() && spec.cluster() == ClusterKind.PROCESSES) {
            s.append(", no idempotency keys");
        }
        String nemesis = spec.nemesis().name();
        if (!nemesis.equals("none")) {
            s.append(", ").append(nemesis).append(" every ").append(spec.nemesisInterval().toMillis() / 1000.0)
                    .append(" s");
            if (nemesis.equals("pause")) {
                s.append(" for ").append(spec.pauseFor().toMillis() / 1000.0).append(" s");
            }
            if (spec.nemesis().needsNetwork()) {
                s.append(" (").append(spec.partitionShape().id()).append(" for ")
                        .append(spec.partitionFor().toMillis() / 1000.0).append(" s)");
            }
        }
        return s.append(", ").append(spec.duration().toMillis() / 1000.0).append(" s").toString();
    }
}
