package dev.flotilla.server.tx;

import dev.flotilla.client.protocol.Problem;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.map.TxResult;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.DataErrors;
import dev.flotilla.server.WriteErrors;
import dev.flotilla.server.idempotency.IdempotentRequests;
import dev.flotilla.server.metrics.GridOperationTimers;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * {@code POST /tx}: gets, puts and deletes on versioned maps applied atomically in one grid-core transaction
 * ({@link Grid#transaction}) under {@code tx-one-phase} or {@code tx-two-phase}.
 *
 * <p>The transaction blocks (locks, prepare, commit), so it runs on the blocking executor, never on the event loop.
 * A version mismatch answers {@code 412 version-mismatch} naming the map and key, and nothing is written; shape,
 * name, document, limit and mode problems are definite 400s found before the transaction begins. Honours
 * {@code Idempotency-Key}.
 */
@Controller
@Tag(name = "transactions")
@DataErrors
public class TransactionController {
    private final Grid grid;
    private final IdempotentRequests idempotent;
    private final ExecutorService blocking;
    private final GridOperationTimers timers;

    public TransactionController(Grid grid, IdempotentRequests idempotent,
                                 @Named(TaskExecutors.BLOCKING) ExecutorService blocking, GridOperationTimers timers) {
        this.grid = grid;
        this.idempotent = idempotent;
        this.blocking = blocking;
        this.timers = timers;
    }

    /** Applies the operations atomically; 200 with one result per operation, in order. */
    @Operation(summary = "Apply map operations atomically", description = "Body " + TransactionCodec.EXAMPLE
            + "; ops get, put, delete; at most 100; 412 version-mismatch (nothing written); 400 for bad input and"
            + " modes other than tx-one-phase and tx-two-phase")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.TRANSACTION_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "committed: one result per operation, in order",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.TRANSACTION_RESULT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @ApiResponse(responseCode = "412", description = "version-mismatch: an ifVersion differs; the transaction rolled back, nothing written",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Post(uri = "/tx", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> transaction(@Nullable @Body String body,
                                                          @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                          HttpRequest<?> request) {
        // shape, names, limits and mode are checked before the key is claimed: a rejected request never touches the grid
        QueryParameters.requireOnly(request, Set.of());
        TransactionCodec.Parsed tx = TransactionCodec.parse(body);
        GuaranteeMode mode = GuaranteeMode.fromId(tx.mode());
        return idempotent.run(request, idempotencyKey, body, () -> CompletableFuture.supplyAsync(() -> {
            List<TxResult> results = timers.guarantee("tx", mode, () -> grid.transaction(mode, tx.operations()));
            return HttpResponse.<byte[]>status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(TransactionCodec.write(mode.id(), results));
        }, blocking));
    }
}
