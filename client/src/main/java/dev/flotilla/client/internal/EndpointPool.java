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
 * the {@link Balancer} decides, unless the request has a preferred node (its key's owner) in that tier.
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
        return choose(tried, null);
    }

    /**
     * {@link #choose(Set)}, but {@code preferred} (or null) when it is among the candidates: not tried yet and in
     * the best tier. An owner that is ejected, or degraded while another node is healthy, is passed over.
     */
    Endpoint choose(Set<Endpoint> tried, Endpoint preferred) {
        List<Endpoint> candidates = bestTier(tried);
        if (candidates.isEmpty()) {
            candidates = bestTier(Set.of());
        }
        if (preferred != null && candidates.contains(preferred)) {
            return preferred;
        }
        return balancer.choose(candidates);
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
