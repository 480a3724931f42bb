package dev.flotilla.server.cluster;

import dev.flotilla.client.protocol.ClusterEventView;
import dev.flotilla.client.protocol.ClusterSummary;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.KeyPartitionView;
import dev.flotilla.client.protocol.MembersView;
import dev.flotilla.client.protocol.MigrationsView;
import dev.flotilla.client.protocol.PartitionsView;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.cluster.KeyPartition;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.ViewErrors;
import dev.flotilla.server.limits.CapacityFilter;
import dev.flotilla.server.problem.ProblemException;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.sse.Event;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read-only views of the cluster as this node's member sees it, and a live event stream. Every view is a local
 * snapshot: none waits on another member, so these handlers run on the event loop. Safety needs the other members,
 * so the summary shows {@link SafetyMonitor}'s last background check, with its time as {@code checkedAt}.
 */
@Controller("/cluster")
@Tag(name = "cluster")
@ViewErrors
@ApiResponse(responseCode = "503", description = ApiComponents.UNAVAILABLE,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
public class ClusterController {
    private final ClusterView cluster;
    private final SafetyMonitor safety;
    private final Duration heartbeat;
    private final int maxSubscribers;
    private final AtomicInteger subscribers = new AtomicInteger();

    public ClusterController(Grid grid, SafetyMonitor safety,
                             @Value("${flotilla-server.events.heartbeat:30s}") Duration heartbeat,
                             @Value("${flotilla-server.limits.max-event-subscribers:200}") int maxSubscribers) {
        if (maxSubscribers < 1) {
            throw new ConfigurationException("flotilla-server.limits.max-event-subscribers must be 1 or more: "
                    + maxSubscribers);
        }
        this.cluster = grid.cluster();
        this.safety = safety;
        this.heartbeat = heartbeat;
        this.maxSubscribers = maxSubscribers;
    }

    @Operation(summary = "Cluster summary: name, local member, member count, safety, partitions, migrations")
    @ApiResponse(responseCode = "200",
            description = "the summary",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.CLUSTER_SUMMARY)))
    @Get(produces = MediaType.APPLICATION_JSON)
    public ClusterSummary summary(HttpRequest<?> request) {
        noParameters(request);
        return ClusterViews.summary(cluster, safety);
    }

    @Operation(summary = "Members in join order; the first is the master")
    @ApiResponse(responseCode = "200",
            description = "members in join order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.MEMBERS_VIEW)))
    @Get(uri = "/members", produces = MediaType.APPLICATION_JSON)
    public MembersView members(HttpRequest<?> request) {
        noParameters(request);
        return ClusterViews.members(cluster);
    }

    @Operation(summary = "Owner and backups of every partition, and partitions owned per member")
    @ApiResponse(responseCode = "200",
            description = "the partition table",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.PARTITIONS_VIEW)))
    @Get(uri = "/partitions", produces = MediaType.APPLICATION_JSON)
    public PartitionsView partitions(HttpRequest<?> request) {
        noParameters(request);
        return ClusterViews.partitions(cluster.partitions());
    }

    /**
     * The partition of a map key and its owner, as Redis's {@code CLUSTER KEYSLOT} and Hazelcast's
     * {@code PartitionService.getPartition(key)} tell: what a partition-aware client computes by itself, served so
     * its computation can be checked. The id never changes while the cluster runs; the owner is this node's table
     * now: during a migration it may lag by milliseconds, after a crash it names the lost member until a backup is
     * promoted, and during a split brain each side names its own members. A bad key is 400 {@code invalid-key}.
     */
    @Operation(summary = "The partition of a map key and its owner in this node's table")
    @ApiResponse(responseCode = "200",
            description = "the key's partition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.KEY_PARTITION_VIEW)))
    @Get(uri = "/partitions/key/{key}", produces = MediaType.APPLICATION_JSON)
    public KeyPartitionView keyPartition(@PathVariable String key, HttpRequest<?> request) {
        noParameters(request);
        KeyPartition partition = cluster.partitionOf(EntryNames.requireKey(key));
        return new KeyPartitionView(key, partition.partitionId(), partition.partitionCount(), partition.owner());
    }

    @Operation(summary = "Migration processes running and recently finished (complete only on the master's node)")
    @ApiResponse(responseCode = "200",
            description = "migrations",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.MIGRATIONS_VIEW)))
    @Get(uri = "/migrations", produces = MediaType.APPLICATION_JSON)
    public MigrationsView migrations(HttpRequest<?> request) {
        noParameters(request);
        return ClusterViews.migrations(cluster.migrations());
    }

    /**
     * Server-sent events: first {@code subscribed}, then {@code member-joined}, {@code member-left},
     * {@code migration-started}, {@code migration-finished}, {@code partition-lost} (entries lost, with the maps),
     * {@code partition-promoted} (a backup took over), {@code split-detected},
     * {@code merged}, {@code merge-failed}, {@code unknown-member} as they happen, and a
     * {@code heartbeat} every 30 s so a dead connection is noticed. The grid subscription ends when the client
     * disconnects. At most {@code flotilla-server.limits.max-event-subscribers} (200) streams are open at once on
     * this node: one more is refused with 503 {@code capacity} (definite, with {@code Retry-After}) before it starts.
     */
    @Operation(summary = "Live cluster events as server-sent events")
    @ApiResponse(responseCode = "200",
            description = "server-sent events; each data line is one ClusterEventView as JSON",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM, schema = @Schema(type = "string",
                    // OpenAPI 3.0 cannot type the data lines of an event stream: name their schema in an extension
                    extensions = @Extension(name = "x-event-data", properties = @ExtensionProperty(name = "$ref",
                            value = ApiComponents.CLUSTER_EVENT_VIEW)))))
    @Get(uri = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    public Publisher<Event<ClusterEventView>> events(HttpRequest<?> request) {
        noParameters(request);
        if (subscribers.incrementAndGet() > maxSubscribers) {
            subscribers.decrementAndGet();
            throw new ProblemException(ErrorCode.CAPACITY, "this node already streams cluster events to "
                    + maxSubscribers + " subscribers (flotilla-server.limits.max-event-subscribers); try again later "
                    + "or on another node").retryAfter(CapacityFilter.RETRY_AFTER_SECONDS);
        }
        // counted from here until the stream ends or the client goes away
        return Flux.defer(() -> new ClusterEventStream(cluster, heartbeat).open())
                .doFinally(signal -> subscribers.decrementAndGet());
    }

    private static void noParameters(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
    }
}
