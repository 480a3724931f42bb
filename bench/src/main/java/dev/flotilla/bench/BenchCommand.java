package dev.flotilla.bench;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.Map;

/**
 * {@code bin/flotilla bench <what> [options]}: one entry point for the benchmarks, each a class with a
 * {@code main}. Exit codes as every other command's (64 usage, 69 unavailable, 70 internal error).
 */
public final class BenchCommand {
    private static final Map<String, String> BENCHMARKS = Map.of(
            "http", "dev.flotilla.bench.http.HttpBench",
            "scaling", "dev.flotilla.bench.scaling.ScalingStudy",
            "jmh", "org.openjdk.jmh.Main");

    private BenchCommand() {
    }

    public static void main(String[] args) throws Exception {
        String main = args.length == 0 ? null : BENCHMARKS.get(args[0]);
        if (main == null) {
            System.err.println("usage: bin/flotilla bench http|scaling|jmh [options]   (docs/performance.md, docs/scaling.md)");
            System.exit(64);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            Class.forName(main).getMethod("main", String[].class).invoke(null, (Object) rest);
        } catch (ClassNotFoundException e) {
            System.err.println("flotilla bench: '" + args[0] + "' is not built into this checkout");
            System.exit(70);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }
}
