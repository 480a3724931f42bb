package dev.flotilla.server.metrics;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.KeyPartition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;

/**
 * Counts the document requests ({@code GET}, {@code PUT}, {@code DELETE /maps/{map}/{key}}) this node answers by
 * whether its member owns the key's partition: {@code flotilla_map_requests_total{owner="local"}}, or
 * {@code owner="remote"} when the member forwards the operation to another member (one member-to-member hop), or
 * {@code owner="none"} while the partition has no owner. A partition-aware client keeps {@code remote} near zero.
 *
 * <p>A filter, so the map controller is untouched; its cost is one partition lookup per request (the key's hash and
 * an array read), made before the operation runs: during a migration the owner may change between the count and
 * the operation, so the count is a measure, not a record of where the operation ran.
 */
@Context // its counters are in the first scrape, before any document request
@ServerFilter("/maps/**")
public class KeyOwnerCounter {
    static final String NAME = "flotilla.map.requests";

    private final ClusterView cluster;
    private final Counter local;
    private final Counter remote;
    private final Counter none;

    public KeyOwnerCounter(Grid grid, MeterRegistry registry) {
        this.cluster = grid.cluster();
        this.local = counter(registry, "local");
        this.remote = counter(registry, "remote");
        this.none = counter(registry, "none");
    }

    private static Counter counter(MeterRegistry registry, String owner) {
        return Counter.builder(NAME).tag("owner", owner)
                .description("Document requests (GET/PUT/DELETE /maps/{map}/{key}) answered here, by whether this "
                        + "node's member owns the key's partition (remote: one member-to-member hop)")
                .register(registry);
    }

    @RequestFilter
    public void count(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.PUT && method != HttpMethod.DELETE) {
            return; // a batch is a POST: its keys span partitions
        }
        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        if (route == null || !(route.getVariableValues().get("key") instanceof String key)) {
            return;
        }
        KeyPartition partition;
        try {
            partition = cluster.partitionOf(key);
        } catch (RuntimeException e) {
            return; // the member is stopping: the request fails on its own, uncounted
        }
        (partition.owner() == null ? none : partition.local() ? local : remote).increment();
    }
}
