package dev.flotilla.server.cluster;

import io.micronaut.context.exceptions.ConfigurationException;
import dev.flotilla.client.protocol.ClusterMapsView;
import dev.flotilla.client.protocol.MapStatisticsView;
import dev.flotilla.client.protocol.MemberMapsView;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.map.ClusterMapStatistics;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.ViewErrors;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code GET /cluster/maps}: entries, memory, operations and throughput per map from every member, per member and
 * summed, gathered through grid-core's {@link Grid#clusterMapStatistics} within
 * {@code flotilla-server.metrics.cluster-deadline} (2 s). It waits on other members, so it runs on the blocking
 * executor.
 *
 * <p>What it guarantees is that of {@link Grid#clusterMapStatistics}: each member's numbers are its own snapshot,
 * not a consistent cut. During a <b>migration</b> an entry can be counted on two members or on none; after a
 * <b>member loss</b> the member is listed in {@code missing} until the others remove it, and its entries reappear
 * as owned elsewhere once backups are promoted; in a <b>split brain</b> only this node's side is asked.
 */
@Controller("/cluster/maps")
@Tag(name = "cluster")
@ViewErrors
@ApiResponse(responseCode = "503", description = ApiComponents.UNAVAILABLE,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
public class ClusterMapsController {
    private final Grid grid;
    private final Duration deadline;

    public ClusterMapsController(Grid grid, @Value("${flotilla-server.metrics.cluster-deadline:2s}") Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new ConfigurationException("flotilla-server.metrics.cluster-deadline must be positive: " + deadline);
        }
        this.grid = grid;
        this.deadline = deadline;
    }

    @Operation(summary = "Entries, memory, operations and throughput per map from every member; slow members listed as missing")
    @ApiResponse(responseCode = "200", description = "per map, per member and summed; late members in missing",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.CLUSTER_MAPS_VIEW)))
    @Get(produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ClusterMapsView maps(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        ClusterMapStatistics stats = grid.clusterMapStatistics(deadline);
        return new ClusterMapsView(stats.takenAt().toString(),
                stats.members().stream().map(m -> new MemberMapsView(m.member(), m.takenAt().toString(),
                        m.ownedPartitions(), m.migrationQueueSize(), m.windowSeconds(), views(m.maps()))).toList(),
                stats.missing(), views(stats.maps()));
    }

    private static List<MapStatisticsView> views(List<MapStatistics> maps) {
        return maps.stream().map(s -> new MapStatisticsView(s.name(), s.ownedEntries(), s.backupEntries(),
                s.ownedEntryMemory(), s.backupEntryMemory(), s.gets(), s.puts(), s.removes(),
                s.operationsPerSecond())).toList();
    }
}
