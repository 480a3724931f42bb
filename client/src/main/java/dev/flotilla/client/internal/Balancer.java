package dev.flotilla.client.internal;

import dev.flotilla.client.LoadBalancing;

import java.util.List;

/** Picks one node among candidates of equal standing. Pure: no I/O, thread-safe. */
interface Balancer {
    /** One of {@code candidates} (never empty). */
    Endpoint choose(List<Endpoint> candidates);

    /** The balancer of a policy. */
    static Balancer of(LoadBalancing policy) {
        return switch (policy) {
            case ROUND_ROBIN -> new RoundRobinBalancer();
            case LEAST_OUTSTANDING -> new LeastOutstandingBalancer();
        };
    }
}
