package dev.flotilla.bench.http;

import java.util.List;

/**
 * One cell of the HTTP harness: a target, the request wrk sends it, and what its result is compared with.
 *
 * @param name          e.g. {@code flotilla-get}
 * @param target        the process that answers
 * @param mode          the script's mode ({@code get}, {@code put}, {@code put-idempotent}, {@code batch-get},
 *                      {@code batch-put})
 * @param path          the path before the key ({@code /maps/bench/})
 * @param method        the write method ({@code PUT}, or {@code POST} for Hazelcast's REST)
 * @param baseline      the case whose rate (keys per second for batches) this one is divided by in each round, or
 *                      null for a ceiling
 * @param goal          the ratio the issue asks for, or 0 when none
 * @param p99Baseline   the case whose p99 this one's p99 is divided by, or null
 */
record BenchCase(String name, Target target, String mode, String path, String method, String baseline,
                 double goal, String p99Baseline) {

    /**
     * {@code BEFORE} is a node from another checkout ({@code --before DIR}), to compare a change in one run;
     * {@code WRITE_THROUGH} and {@code WRITE_BEHIND} are nodes whose maps are persistent, each with its own H2
     * server (config/README.md, "Persistence").
     */
    enum Target { CEILING, BARE, PEER, FLOTILLA, BEFORE, WRITE_THROUGH, WRITE_BEHIND }

    /** Keys each request reads or writes. */
    int keysPerRequest(int batch) {
        return mode.startsWith("batch-") ? batch : 1;
    }

    /** The cases against a node of another checkout, each compared with the same case on this one. */
    static List<BenchCase> before() {
        return List.of(
                new BenchCase("before-get", Target.BEFORE, "get", "/maps/bench/", "PUT", "flotilla-get", 0, "flotilla-get"),
                new BenchCase("before-put", Target.BEFORE, "put", "/maps/bench/", "PUT", "flotilla-put", 0, "flotilla-put"),
                new BenchCase("before-put-idempotent", Target.BEFORE, "put-idempotent", "/maps/bench/", "PUT",
                        "flotilla-put-idempotent", 0, "flotilla-put-idempotent"));
    }

    /** Every case, in the order the table lists them. */
    static List<BenchCase> all() {
        return List.of(
                new BenchCase("ceiling-get", Target.CEILING, "get", "/maps/bench/", "PUT", null, 0, null),
                new BenchCase("ceiling-put", Target.CEILING, "put", "/maps/bench/", "PUT", null, 0, null),
                new BenchCase("bare-get", Target.BARE, "get", "/bare/maps/bench/", "PUT", "ceiling-get", 0, "ceiling-get"),
                new BenchCase("bare-put", Target.BARE, "put", "/bare/maps/bench/", "PUT", "ceiling-put", 0, "ceiling-put"),
                new BenchCase("hazelcast-rest-get", Target.PEER, "get", "/hazelcast/rest/maps/bench/", "POST", "ceiling-get", 0, "ceiling-get"),
                new BenchCase("hazelcast-rest-put", Target.PEER, "put", "/hazelcast/rest/maps/bench/", "POST", "ceiling-put", 0, "ceiling-put"),
                new BenchCase("flotilla-get", Target.FLOTILLA, "get", "/maps/bench/", "PUT", "ceiling-get", 0.8, "ceiling-get"),
                new BenchCase("flotilla-put", Target.FLOTILLA, "put", "/maps/bench/", "PUT", "ceiling-put", 0.7, "ceiling-put"),
                new BenchCase("flotilla-put-idempotent", Target.FLOTILLA, "put-idempotent", "/maps/bench/", "PUT", "ceiling-put", 0.5, "ceiling-put"),
                new BenchCase("flotilla-batch-get", Target.FLOTILLA, "batch-get", "/maps/bench/", "POST", "flotilla-get", 10, null),
                new BenchCase("flotilla-batch-put", Target.FLOTILLA, "batch-put", "/maps/bench/", "POST", "flotilla-put", 10, null),
                new BenchCase("write-through-get", Target.WRITE_THROUGH, "get", "/maps/bench/", "PUT", "flotilla-get", 0, "flotilla-get"),
                new BenchCase("write-through-put", Target.WRITE_THROUGH, "put", "/maps/bench/", "PUT", "flotilla-put", 0, "flotilla-put"),
                new BenchCase("write-through-put-idempotent", Target.WRITE_THROUGH, "put-idempotent", "/maps/bench/", "PUT",
                        "flotilla-put-idempotent", 0, "flotilla-put-idempotent"),
                new BenchCase("write-behind-put", Target.WRITE_BEHIND, "put", "/maps/bench/", "PUT", "flotilla-put", 0, "flotilla-put"));
    }

    /** The persistence cases and their in-memory baselines: {@code --cases persistence}. */
    static List<String> persistence() {
        return List.of("write-through-get", "write-through-put", "write-through-put-idempotent", "write-behind-put");
    }
}
