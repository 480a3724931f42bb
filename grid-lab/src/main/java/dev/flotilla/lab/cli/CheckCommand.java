package dev.flotilla.lab.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.CheckerOptions;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.HistoryFile;
import dev.flotilla.lab.history.HistoryFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code check} command: reads a history file, runs one checker and prints the verdict as JSON.
 *
 * <pre>check --model &lt;model&gt; [--budget-seconds N] [--total N] [--accounts a,b,...] &lt;history.jsonl&gt;</pre>
 *
 * <p>Exit codes ({@link ExitCode}): 0 valid, 1 invalid, 2 unknown, 3 the checker failed (JSON error on stdout), 64 bad usage (message on stderr), 65 the
 * history file is missing or malformed (message with the line number on stderr).
 */
public final class CheckCommand {

    /** Exit code: the history satisfies the model. */
    public static final int EXIT_VALID = ExitCode.OK.code();
    /** Exit code: the history violates the model. */
    public static final int EXIT_INVALID = ExitCode.INVALID.code();
    /** Exit code: the checker could not decide; not a pass. */
    public static final int EXIT_UNKNOWN = ExitCode.UNKNOWN.code();
    /** Exit code: the checker failed, no verdict; a JSON error on stdout. */
    public static final int EXIT_CHECK_ERROR = ExitCode.CHECK_ERROR.code();
    /** Exit code: bad command line (sysexits EX_USAGE). */
    public static final int EXIT_USAGE = ExitCode.USAGE.code();
    /** Exit code: the history file is missing or malformed (sysexits EX_DATAERR). */
    public static final int EXIT_BAD_HISTORY = ExitCode.DATA.code();

    static final String USAGE = "usage: check --model <" + String.join("|", Checkers.names())
            + "> [--budget-seconds N] [--total N] [--accounts a,b,...] <history.jsonl>\n"
            + "  --model           the checker to run (linearizable = cas-register)\n"
            + "  --budget-seconds  time budget of the linearizability search (default "
            + CheckerOptions.DEFAULT_BUDGET.toSeconds() + "); when it runs out the verdict is UNKNOWN\n"
            + "  --total           the total money of a bank history (required for --model bank)\n"
            + "  --accounts        the accounts every bank read must show (default: those of the first ok read)\n"
            + "exit codes: 0 valid, 1 invalid, 2 unknown, 3 checker error (JSON on stdout), 64 bad usage, 65 unreadable history,"
            + " 70 internal failure";

    private static final ObjectMapper JSON = new ObjectMapper();

    private CheckCommand() {
    }

    /** Runs the command and exits the JVM with its exit code. */
    public static void main(String[] args) {
        int code;
        try {
            code = run(args, System.out, System.err);
        } catch (Throwable e) { // an out-of-memory error too: the JVM's own exit 1 would read as INVALID
            e.printStackTrace();
            code = ExitCode.SOFTWARE.code();
        }
        System.exit(code);
    }

    /** Runs the command: prints the verdict JSON to {@code out}, problems to {@code err}, and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        long startNanos = System.nanoTime();
        String model = null;
        String file = null;
        CheckerOptions options = CheckerOptions.defaults();
        int i = args.length > 0 && args[0].equals("check") ? 1 : 0;
        try {
            for (; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return EXIT_VALID;
                    }
                    case "--model" -> model = value(args, ++i, arg);
                    case "--budget-seconds" -> options = options.withBudget(seconds(value(args, ++i, arg)));
                    case "--total" -> options = options.withTotal(integer(value(args, ++i, arg), arg));
                    case "--accounts" -> options = options.withAccounts(accounts(value(args, ++i, arg)));
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        if (file != null) {
                            throw new IllegalArgumentException("only one history file, got " + file + " and " + arg);
                        }
                        file = arg;
                    }
                }
            }
            if (model == null) {
                throw new IllegalArgumentException("--model is required");
            }
            if (file == null) {
                throw new IllegalArgumentException("the history file is required");
            }
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Checker checker;
        try {
            checker = Checkers.byName(model, options);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }

        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            err.println("check: no such history file: " + file);
            return EXIT_BAD_HISTORY;
        }
        return checkAndPrint(checker, path, model, startNanos, out, err);
    }

    /**
     * Reads the history, runs the checker and prints its verdict, or, when reading or checking throws anything
     * else than a malformed or unreadable file (an out-of-memory error too), a JSON error with exit 3: a script
     * switching on the verdict must tell "checker broke" from INVALID and UNKNOWN.
     */
    static int checkAndPrint(Checker checker, Path path, String model, long startNanos, PrintStream out,
                             PrintStream err) {
        CheckResult result;
        try {
            result = readAndCheck(checker, path);
        } catch (HistoryFormatException e) {
            err.println("check: " + path + ": " + e.getMessage());
            return EXIT_BAD_HISTORY;
        } catch (IOException | UncheckedIOException e) {
            err.println("check: cannot read " + path + ": " + e.getMessage());
            return EXIT_BAD_HISTORY;
        } catch (Throwable e) { // the history lived in readAndCheck's frame only, so its heap is free again here
            ObjectNode json = JSON.createObjectNode();
            json.put("verdict", "ERROR");
            json.put("model", model);
            json.putObject("error").put("type", e.getClass().getSimpleName()).put("message", e.getMessage());
            json.put("elapsedMillis", (System.nanoTime() - startNanos) / 1_000_000);
            out.println(json.toPrettyString());
            return EXIT_CHECK_ERROR;
        }
        out.println(toJson(result, model, (System.nanoTime() - startNanos) / 1_000_000));
        return switch (result.verdict()) {
            case VALID -> EXIT_VALID;
            case INVALID -> EXIT_INVALID;
            case UNKNOWN -> EXIT_UNKNOWN;
        };
    }

    private static CheckResult readAndCheck(Checker checker, Path path) throws IOException {
        return checker.check(HistoryFile.read(path));
    }

    static String toJson(CheckResult result, String model, long elapsedMillis) {
        ObjectNode json = JSON.createObjectNode();
        json.put("verdict", result.verdict().name());
        json.put("model", model);
        json.put("ops", result.operations());
        ArrayNode anomalies = json.putArray("anomalies");
        for (Anomaly anomaly : result.anomalies()) {
            anomalies.addObject().put("kind", anomaly.kind()).put("message", anomaly.message());
        }
        json.put("counterexample", result.counterexample());
        json.put("checkMillis", result.elapsedMillis());
        json.put("elapsedMillis", elapsedMillis);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("check: " + problem);
        err.println(USAGE);
        return EXIT_USAGE;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static Duration seconds(String text) {
        try {
            BigDecimal seconds = new BigDecimal(text);
            if (seconds.signum() < 0) {
                throw new IllegalArgumentException("--budget-seconds must not be negative, got " + text);
            }
            return Duration.ofNanos(seconds.movePointRight(9).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget-seconds must be a number, got " + text);
        }
    }

    private static List<String> accounts(String text) {
        List<String> names = Arrays.stream(text.split(",")).map(String::strip).toList();
        if (names.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("--accounts must be a comma-separated list of names, got " + text);
        }
        return names;
    }

    private static long integer(String text, String option) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be an integer, got " + text);
        }
    }
}
