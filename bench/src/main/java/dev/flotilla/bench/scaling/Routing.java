package dev.flotilla.bench.scaling;

import dev.flotilla.client.LoadBalancing;

/**
 * The routing policies the study compares: each is a client {@link LoadBalancing} and whether it sends a request to
 * the key's owner (which decides, in the model, whether a request pays a member hop). A new client policy is one
 * constant here: every horizontal cell and the model then include it.
 */
enum Routing {
    ROUND_ROBIN(LoadBalancing.ROUND_ROBIN, false),
    LEAST_OUTSTANDING(LoadBalancing.LEAST_OUTSTANDING, false),
    /** The client's partition routing over least outstanding: each keyed request to the key's owner when known. */
    OWNER_AWARE(LoadBalancing.LEAST_OUTSTANDING, true);

    private final LoadBalancing balancing;
    private final boolean ownerAware;

    Routing(LoadBalancing balancing, boolean ownerAware) {
        this.balancing = balancing;
        this.ownerAware = ownerAware;
    }

    /** The id in results.json and the report: {@code round-robin}, {@code least-outstanding}, {@code owner-aware}. */
    String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    LoadBalancing balancing() {
        return balancing;
    }

    /** Whether requests reach the key's owner directly (no member hop in the model). */
    boolean ownerAware() {
        return ownerAware;
    }
}
