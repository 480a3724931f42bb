package dev.flotilla.bench.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The harness's options ({@link HttpBench}); {@code --quick} is one short round, for a smoke test. */
record BenchOptions(int rounds, int seconds, int warmupSeconds, int threads, int connections, int keys,
                    int valueBytes, int batch, List<BenchCase> cases, Path out, Path before) {

    static BenchOptions parse(String... args) {
        int rounds = 3;
        int seconds = 10;
        int warmup = 5;
        int threads = 2;
        int connections = 50;
        int keys = 10_000;
        int valueBytes = 100;
        int batch = 100;
        List<BenchCase> cases = BenchCase.all();
        Path out = Path.of(System.getProperty("flotilla-lab.home", "."), "target", "bench", "http");
        Path before = null;
        Map<String, BenchCase> byName = BenchCase.all().stream()
                .collect(Collectors.toMap(BenchCase::name, Function.identity()));
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--quick")) {
                rounds = 1;
                seconds = 2;
                warmup = 1;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--rounds" -> rounds = positive(name, value);
                case "--seconds" -> seconds = positive(name, value);
                case "--warmup" -> warmup = positive(name, value);
                case "--threads" -> threads = positive(name, value);
                case "--connections" -> connections = positive(name, value);
                case "--keys" -> keys = positive(name, value);
                case "--value-bytes" -> valueBytes = Math.max(10, positive(name, value));
                case "--batch" -> batch = positive(name, value);
                case "--out" -> out = Path.of(value);
                case "--before" -> before = Path.of(value).toAbsolutePath();
                case "--cases" -> {
                    List<BenchCase> chosen = new ArrayList<>();
                    List<String> names = new ArrayList<>();
                    for (String c : value.split(",")) {
                        names.addAll(c.trim().equals("persistence") ? BenchCase.persistence() : List.of(c));
                    }
                    for (String c : names) {
                        BenchCase found = byName.get(c.trim());
                        if (found == null) {
                            throw new IllegalArgumentException("no case '" + c + "'; cases: " + String.join(", ", byName.keySet()));
                        }
                        chosen.add(found);
                    }
                    cases = addBaselines(chosen, byName);
                }
                default -> throw new IllegalArgumentException("unknown option '" + name + "'; options: --rounds --seconds"
                        + " --warmup --threads --connections --keys --value-bytes --batch --cases --out --before --quick");
            }
        }
        if (connections < threads) {
            throw new IllegalArgumentException("--connections must be at least --threads");
        }
        if (batch > keys) {
            throw new IllegalArgumentException("--batch must be at most --keys");
        }
        if (before != null) {
            if (!java.nio.file.Files.isExecutable(before.resolve("bin/flotilla"))) {
                throw new IllegalArgumentException("--before " + before + " is not a checkout of this project (no bin/flotilla)");
            }
            List<BenchCase> withBefore = new ArrayList<>(cases);
            for (BenchCase c : BenchCase.before()) {
                if (cases.stream().anyMatch(chosen -> chosen.name().equals(c.baseline()))) {
                    withBefore.add(c);
                }
            }
            cases = List.copyOf(withBefore);
        }
        return new BenchOptions(rounds, seconds, warmup, threads, connections, keys, valueBytes, batch, cases, out, before);
    }

    /** The chosen cases and every case their ratios need, in the table's order. */
    private static List<BenchCase> addBaselines(List<BenchCase> chosen, Map<String, BenchCase> byName) {
        List<String> names = new ArrayList<>(chosen.stream().map(BenchCase::name).toList());
        for (int i = 0; i < names.size(); i++) {
            BenchCase c = byName.get(names.get(i));
            for (String needed : Arrays.asList(c.baseline(), c.p99Baseline())) {
                if (needed != null && !names.contains(needed)) {
                    names.add(needed);
                }
            }
        }
        return BenchCase.all().stream().filter(c -> names.contains(c.name())).toList();
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, not '" + value + "'");
    }
}
