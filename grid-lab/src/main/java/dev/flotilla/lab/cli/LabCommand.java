package dev.flotilla.lab.cli;

import dev.flotilla.lab.fleet.PrivateNetwork;
import dev.flotilla.lab.run.*;
import dev.flotilla.lab.report.MatrixCell;
import dev.flotilla.lab.report.Reports;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.report.TrialSet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The lab's command line.
 *
 * <pre>
 * lab run &lt;spec.yml&gt; [--out DIR] [--trials N]
 * lab matrix [--processes | --partitions] [--trials N] [--out DIR] [--quick] [--docs FILE]
 * </pre>
 *
 * Exit codes ({@link ExitCode}, the launcher's shared table): 0 when the run completed, whatever the verdict; 64 bad
 * usage; 65 a spec file missing or rejected; 69 no private network for a partition nemesis; 74 output not written;
 * 70 an unexpected failure.
 */
public final class LabCommand {
    static final String USAGE = """
            usage: lab run <spec.yml> [--out DIR] [--trials N]
                   lab matrix [--processes | --partitions] [--trials N] [--out DIR] [--quick] [--docs FILE]
              run     runs one experiment spec (see docs/lab-runs.md); default DIR lab-runs/<spec name>
                      --trials N  N trials with seeds seed, seed+1, ... into DIR/trial-<k>, rates in DIR/trials.md
              matrix  in-process: every mode of every workload against join, leave and crash;
                      --processes: the process-mode cells on node processes (kill, kill-two, pause, ...);
                      default DIR lab-runs/matrix (lab-runs/process-matrix)
                      --quick  shorter runs (in-process: scale-out 1 -> 2 -> 3)
                      --trials N  trials per cell (--processes only; default 1)
                      --docs   also write the table into FILE (e.g. docs/guarantees.md); nothing is written
                               to a tracked file unless asked
            exit codes: 0 completed (whatever the verdict), 64 bad usage, 65 spec missing or invalid,
                        69 no private network, 70 unexpected failure, 74 output not written""";
    private static final String DOCS_BEGIN = "<!-- lab-matrix:begin -->";
    private static final String DOCS_END = "<!-- lab-matrix:end -->";
    private static final String PROCESS_DOCS_BEGIN = "<!-- lab-process-matrix:begin -->";
    private static final String PROCESS_DOCS_END = "<!-- lab-process-matrix:end -->";
    private static final String PARTITION_DOCS_BEGIN = "<!-- lab-partition-matrix:begin -->";
    private static final String PARTITION_DOCS_END = "<!-- lab-partition-matrix:end -->";

    private LabCommand() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        int code;
        try {
            code = execute(args, System.out, System.err);
        } catch (Throwable e) { // an out-of-memory error too
            e.printStackTrace();
            code = ExitCode.SOFTWARE.code(); // not the JVM's 1, which would read as check's INVALID
        }
        System.exit(code);
    }

    /** Runs the command, printing to {@code out} and {@code err}; returns the exit code instead of exiting. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && rest.get(0).equals("lab")) {
            rest.remove(0);
        }
        if (rest.isEmpty() || rest.contains("--help") || rest.contains("-h")) {
            (rest.isEmpty() ? err : out).println(USAGE);
            return (rest.isEmpty() ? ExitCode.USAGE : ExitCode.OK).code();
        }
        String command = rest.remove(0);
        try {
            return switch (command) {
                case "run" -> run(rest, out, err);
                case "matrix" -> matrix(rest, out, err);
                default -> usage(err, "unknown command '" + command + "'");
            };
        } catch (IOException e) {
            err.println("error: output not written: " + e.getMessage());
            return ExitCode.IO.code();
        }
    }

    private static int run(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Path specFile = null;
        Path dir = null;
        int trials = 1;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--out")) {
                if (i + 1 >= args.size()) {
                    return usage(err, "--out needs a directory");
                }
                dir = Path.of(args.get(++i));
            } else if (arg.equals("--trials")) {
                trials = i + 1 < args.size() ? trials(args.get(++i)) : -1;
                if (trials < 1) {
                    return usage(err, "--trials needs a whole number from 1 to 1000");
                }
            } else if (arg.startsWith("--")) {
                return usage(err, "unknown option '" + arg + "' for run");
            } else if (specFile == null) {
                specFile = Path.of(arg);
            } else {
                return usage(err, "run takes one spec file, got also '" + arg + "'");
            }
        }
        if (specFile == null) {
            return usage(err, "run needs a spec file");
        }
        ExperimentSpec spec;
        try {
            spec = ExperimentSpec.fromYaml(specFile);
        } catch (NoSuchFileException e) {
            return fail(err, ExitCode.DATA, "spec file not found: " + specFile);
        } catch (InvalidSpecException e) {
            return fail(err, ExitCode.DATA, "invalid spec " + specFile + ": " + e.getMessage());
        } catch (IOException e) {
            return fail(err, ExitCode.DATA, "cannot read spec " + specFile + ": " + e.getMessage());
        }
        if (spec.nemesis().needsNetwork() && PrivateNetwork.unavailable().isPresent()) {
            return fail(err, ExitCode.UNAVAILABLE, "cannot run " + specFile + ": " + PrivateNetwork.unavailable().get());
        }
        Path outDir = dir != null ? dir : Path.of("lab-runs", spec.name());
        out.println("running " + spec.name() + " (" + spec.workload().name() + " / " + spec.mode().id() + " / " + spec.nemesis().name()
                + ", " + spec.members() + " members, " + spec.duration().toMillis() / 1000.0 + " s, seed "
                + spec.seed() + ")");
        TrialSet set = Trials.run(spec, trials, outDir, progress -> out.println(line(progress)));
        for (int k = 0; k < set.trials().size(); k++) {
            RunResult result = set.trials().get(k);
            String prefix = trials == 1 ? "" : "trial " + (k + 1) + " (seed " + result.seed() + "): ";
            out.println(prefix + "verdict " + result.shownVerdict() + " (" + result.shownNemesis() + "): "
                    + result.summary());
            result.notes().forEach(n -> out.println("note: " + n));
        }
        if (trials == 1) {
            out.println("report: " + outDir.resolve("report.html").toAbsolutePath());
        } else {
            out.println(set.verdicts() + "; " + set.lossRate());
            out.println("trials: " + outDir.resolve("trials.md").toAbsolutePath());
        }
        return ExitCode.OK.code();
    }

    private static int matrix(List<String> args, PrintStream out, PrintStream err) throws IOException {
        Path dir = null;
        Path docs = null;
        boolean quick = false;
        boolean processes = false;
        boolean partitions = false;
        int trials = 1;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> quick = true;
                case "--processes" -> processes = true;
                case "--partitions" -> partitions = true;
                case "--trials" -> {
                    trials = i + 1 < args.size() ? trials(args.get(++i)) : -1;
                    if (trials < 1) {
                        return usage(err, "--trials needs a whole number from 1 to 1000");
                    }
                }
                case "--out" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, "--out needs a directory");
                    }
                    dir = Path.of(args.get(++i));
                }
                case "--docs" -> {
                    if (i + 1 >= args.size()) {
                        return usage(err, "--docs needs a file");
                    }
                    docs = Path.of(args.get(++i));
                }
                default -> {
                    return usage(err, "unknown option '" + args.get(i) + "' for matrix");
                }
            }
        }
        if (processes && partitions) {
            return usage(err, "--processes and --partitions are two matrices; pick one");
        }
        if (partitions && PrivateNetwork.unavailable().isPresent()) {
            return fail(err, ExitCode.UNAVAILABLE, "cannot run the partition matrix: " + PrivateNetwork.unavailable().get());
        }
        if (processes || partitions) {
            return processMatrix(dir == null ? Path.of("lab-runs", partitions ? "partition-matrix" : "process-matrix")
                    : dir, docs, quick, trials, out, partitions);
        }
        if (trials != 1) {
            return usage(err, "--trials is for --processes and --partitions; the in-process matrix runs each cell once");
        }
        dir = dir == null ? Path.of("lab-runs", "matrix") : dir;
        String commandLine = "lab matrix" + (quick ? " --quick" : "") + " --out " + dir
                + (docs == null ? "" : " --docs " + docs);
        Matrix matrix = Matrix.standard(quick);
        long start = System.nanoTime();
        out.println("matrix: " + matrix.workloads().size() * matrix.modes().size() * matrix.scenarios().size()
                + " cells into " + dir);
        List<MatrixCell> cells = matrix.run(dir, progress -> {
            if (progress.phase() == Phase.DONE) {
                out.println(line(progress));
            }
        });
        String date = LocalDate.now(ZoneOffset.UTC).toString();
        Reports.writeMatrix(cells, dir, commandLine, date);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        out.println("matrix done in " + seconds + " s: " + dir.resolve("matrix.html").toAbsolutePath());
        if (docs != null) {
            writeDocs(docs, DOCS_BEGIN, DOCS_END, "Measured with `" + commandLine + "` on " + date + " (" + seconds
                    + " s for " + cells.size() + " cells; 2 cores). Each cell: verdict, the workload's finding, ok"
                    + " operations per second and p99 latency.\n\n" + Reports.matrixMarkdown(cells));
            out.println("verdict table written to " + docs);
        }
        return ExitCode.OK.code();
    }

    private static int processMatrix(Path dir, Path docs, boolean quick, int trials, PrintStream out,
                                     boolean partitions) throws IOException {
        String flag = partitions ? "--partitions" : "--processes";
        String commandLine = "lab matrix " + flag + (quick ? " --quick" : "") + " --trials " + trials
                + " --out " + dir + (docs == null ? "" : " --docs " + docs);
        List<ExperimentSpec> cells = (partitions ? ProcessMatrix.partitions(trials, quick)
                : ProcessMatrix.standard(trials, quick)).cells();
        String what = partitions ? "partition matrix" : "process matrix";
        long start = System.nanoTime();
        out.println(what + ": " + cells.size() + " cells x " + trials + " trials into " + dir);
        List<TrialSet> sets = new ArrayList<>();
        for (ExperimentSpec spec : cells) {
            sets.add(Trials.run(spec, trials, dir.resolve(spec.name()), progress -> {
                if (progress.phase() == Phase.DONE) {
                    out.println(line(progress));
                }
            }));
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        String table = Reports.trialsMarkdown(sets);
        Files.createDirectories(dir);
        Path file = dir.resolve((partitions ? "partition" : "process") + "-matrix.md");
        Files.writeString(file, table, StandardCharsets.UTF_8);
        out.println(what + " done in " + seconds + " s: " + file.toAbsolutePath());
        if (docs != null) {
            String date = LocalDate.now(ZoneOffset.UTC).toString();
            writeDocs(docs, partitions ? PARTITION_DOCS_BEGIN : PROCESS_DOCS_BEGIN,
                    partitions ? PARTITION_DOCS_END : PROCESS_DOCS_END, "Measured with `" + commandLine + "` on "
                    + date + " (" + seconds + " s for " + sets.size() + " cells x " + trials + " trials; 2 cores,"
                    + " node processes on loopback, the product's client with load balancing"
                    + (partitions ? ", iptables cuts in the lab's network namespace" : "") + ").\n\n" + table);
            out.println(what + " table written to " + docs);
        }
        return ExitCode.OK.code();
    }

    private static int trials(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 1 && n <= 1000 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Writes a measured table into {@code docs}: between the begin/end markers when the file has them (so the
     * prose around the table survives a rerun), else appended (or as a new file).
     */
    static void writeDocs(Path docs, String begin, String end, String body) throws IOException {
        String table = begin + "\n\n" + body + "\n" + end;
        String text;
        if (Files.exists(docs)) {
            String old = Files.readString(docs, StandardCharsets.UTF_8);
            int from = old.indexOf(begin);
            int to = old.indexOf(end);
            text = from >= 0 && to > from
                    ? old.substring(0, from) + table + old.substring(to + end.length())
                    : old + "\n" + table + "\n";
        } else {
            text = "# Guarantees, measured\n\n" + table + "\n";
        }
        if (docs.getParent() != null) {
            Files.createDirectories(docs.getParent());
        }
        Files.writeString(docs, text, StandardCharsets.UTF_8);
    }

    private static String line(Progress p) {
        return String.format(Locale.ROOT, "[%6.1fs] %-28s %-11s ops %6d  members %d  faults %d",
                p.elapsedMillis() / 1000.0, p.experiment(), p.phase(), p.operations(), p.members(), p.faults());
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE);
        return ExitCode.USAGE.code();
    }

    /** A failure that is not the command line's: one line, no usage text. */
    private static int fail(PrintStream err, ExitCode code, String problem) {
        err.println("error: " + problem);
        return code.code();
    }
}
