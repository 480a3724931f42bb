package dev.flotilla.server.health;

import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.ViewErrors;
import dev.flotilla.server.cluster.PartitionLossLog;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
@ViewErrors
public class DataLossController {
    private final PartitionLossLog losses;

    public DataLossController(PartitionLossLog losses) {
        this.losses = losses;
    }

    @Operation(summary = "Partitions lost beyond their backups and not acknowledged: partitions, maps, since when")
    @ApiResponse(responseCode = "200", description = "the losses not acknowledged yet (all empty when none)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.DATA_LOSS_VIEW)))
    @Get(produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> unacknowledged(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return losses.unacknowledged().map(HealthDetails::loss).orElseGet(HealthDetails::noLoss);
    }

    @Operation(summary = "Acknowledge the losses listed now; answers what was acknowledged")
    @ApiResponse(responseCode = "200", description = "what this call acknowledged (all empty when nothing was pending)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.DATA_LOSS_VIEW)))
    @Delete(produces = MediaType.APPLICATION_JSON)
    public Map<String, Object> acknowledge(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return losses.acknowledge().map(HealthDetails::loss).orElseGet(HealthDetails::noLoss);
    }
}
