package dev.flotilla.server.tx;

import dev.flotilla.client.protocol.CounterIncrementRequest;
import dev.flotilla.client.protocol.CounterView;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.DataErrors;
import dev.flotilla.server.WriteErrors;
import dev.flotilla.server.problem.ProblemException;
import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The counter of a namespace under a named guarantee mode, on grid-core's {@code Counter}:
 * {@code POST /counters/{namespace}} increments it, {@code GET /counters/{namespace}} reads it.
 *
 * <p>Each mode keeps its promises as {@code docs/guarantees.md} states them. Increments honour
 * {@code Idempotency-Key}: a replayed key answers the first increment's value and adds nothing.
 */
@Controller("/counters")
@Tag(name = "counters")
@DataErrors
public class CounterController {
    private static final String INCREMENT_EXAMPLE = "{\"mode\":\"atomic-key\",\"delta\":1}";

    private final GuaranteeCalls calls;

    public CounterController(GuaranteeCalls calls) {
        this.calls = calls;
    }

    /** Adds {@code delta} (1 or more) under {@code mode}; 200 with the value the mode observed right after it. */
    @Operation(summary = "Increment a counter", description = "Body " + INCREMENT_EXAMPLE
            + "; 200 {\"namespace\",\"mode\",\"value\"}; 400 for unknown or unfit modes, bad namespaces, delta <= 0")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.COUNTER_INCREMENT_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "the value the mode observed right after the increment",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.COUNTER_VIEW)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @Post(uri = "/{namespace}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> increment(@PathVariable String namespace, @Nullable @Body String body,
                                                        @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                        HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        CounterIncrementRequest i = JsonBodies.read(body, CounterIncrementRequest.class, INCREMENT_EXAMPLE);
        if (i.delta() <= 0) { // before the key is claimed
            throw new ProblemException(ErrorCode.INVALID_ARGUMENT, "'delta' must be 1 or more, not " + i.delta()
                    + "; send " + INCREMENT_EXAMPLE);
        }
        return calls.write("counter-increment", request, idempotencyKey, body, i.mode(), namespace, g -> { },
                g -> new CounterView(g.namespace(), g.mode().id(), g.counter().incrementBy(i.delta())));
    }

    /** The counter's value under {@code mode} (0 before the first increment). */
    @Operation(summary = "Read a counter", description = "?mode=<mode>; 200 {\"namespace\",\"mode\",\"value\"}")
    @ApiResponse(responseCode = "200",
            description = "the counter (0 before the first increment)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.COUNTER_VIEW)))
    @Parameter(name = "mode", in = ParameterIn.QUERY, ref = ApiComponents.MODE_PARAMETER)
    @Get(uri = "/{namespace}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> read(@PathVariable String namespace, @Parameter(hidden = true) @Nullable @QueryValue String mode,
                                                   HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of("mode"));
        return calls.read("counter-read", mode, namespace, g -> new CounterView(g.namespace(), g.mode().id(), g.counter().read()));
    }
}
