package dev.flotilla.server.health;

import dev.flotilla.server.cluster.PartitionLossLog;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Map;
import java.util.Set;

/**
 * {@code /cluster/data-loss}: the partitions this node saw lost beyond their backups and not acknowledged yet
 * ({@code GET}), and their acknowledgement by an operator ({@code DELETE}: {@code /health} is UP again, the
 * {@code /prometheus} totals stay). Per node: acknowledge on every node. A loss seen after the acknowledgement
 * is reported again. Local state only, so it answers the same during migrations, member loss and split brain.
 */
@Controller("/cluster/data-loss")
@Tag(name = "cluster")
public class DataLossController {
    private final PartitionLossLog losses;

    public DataLossController(PartitionLossLog losses) {
        this.losses = losses;
    }

    @Operation(summary = "Partitions lost beyond their backups and not acknowledged: partitions, maps, since when")
    @Get(produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> unacknowledged(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return losses.unacknowledged().map(HealthDetails::loss).orElseGet(() -> Map.of("partitionsLost", 0));
    }

    @Operation(summary = "Acknowledge the losses listed now; answers what was acknowledged")
    @Delete(produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> acknowledge(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return losses.acknowledge().map(HealthDetails::loss).orElseGet(() -> Map.of("partitionsLost", 0));
    }
}
