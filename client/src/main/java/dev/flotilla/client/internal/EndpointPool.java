package dev.flotilla.client.internal;

import dev.flotilla.client.EndpointState;
import dev.flotilla.client.EndpointStatus;
import dev.flotilla.client.LoadBalancing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The nodes of the fleet and the rule that picks one per attempt.
 *
 * <p>Candidates are taken from the best tier that has any node not yet tried by this request: healthy nodes, then
 * degraded ones ({@code OUT_OF_SERVICE}: still serving), then ejected ones (when every node is ejected, trying one
 * beats failing at once). When every node has been tried, the request starts over with all of them. Within a tier
 * the {@link Balancer} decides.
 */
final class EndpointPool {
    private final List<Endpoint> endpoints;
    private final Balancer balancer;

    EndpointPool(List<URI> uris, LoadBalancing policy) {
        this(uris.stream().map(Endpoint::new).toList(), Balancer.of(policy));
    }

    EndpointPool(List<Endpoint> endpoints, Balancer balancer) {
        this.endpoints = List.copyOf(endpoints);
        this.balancer = balancer;
    }

    List<Endpoint> all() {
        return endpoints;
    }

    /** The node for the next attempt of a request that already tried {@code tried}. */
    Endpoint choose(Set<Endpoint> tried) {
        List<Endpoint> candidates = bestTier(tried);
        return balancer.choose(candidates.isEmpty() ? bestTier(Set.of()) : candidates);
    }

    private List<Endpoint> bestTier(Set<Endpoint> tried) {
        for (EndpointState tier : EndpointState.values()) {
            List<Endpoint> candidates = new ArrayList<>(endpoints.size());
            for (Endpoint e : endpoints) {
                if (e.state() == tier && !tried.contains(e)) {
                    candidates.add(e);
                }
            }
            if (!candidates.isEmpty()) {
                return candidates;
            }
        }
        return List.of();
    }

    List<EndpointStatus> status() {
        return endpoints.stream().map(Endpoint::status).toList();
    }
}
