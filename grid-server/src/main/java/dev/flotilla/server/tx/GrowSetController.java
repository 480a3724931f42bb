package dev.flotilla.server.tx;

import dev.flotilla.client.protocol.GrowSetAddRequest;
import dev.flotilla.client.protocol.GrowSetAddResult;
import dev.flotilla.client.protocol.GrowSetView;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.DataErrors;
import dev.flotilla.server.WriteErrors;
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

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The grow-only set of a namespace under a named guarantee mode, on grid-core's {@code GrowSet}:
 * {@code POST /sets/{namespace}} adds an element, {@code GET /sets/{namespace}} reads them all, ascending.
 *
 * <p>Each mode keeps its promises as {@code docs/guarantees.md} states them. Adds honour {@code Idempotency-Key}.
 */
@Controller("/sets")
@Tag(name = "sets")
@DataErrors
public class GrowSetController {
    private static final String ADD_EXAMPLE = "{\"mode\":\"atomic-key\",\"element\":42}";

    private final GuaranteeCalls calls;

    public GrowSetController(GuaranteeCalls calls) {
        this.calls = calls;
    }

    /** Adds the element under {@code mode} (adding one already present changes nothing); 200 with the element. */
    @Operation(summary = "Add to a grow-only set", description = "Body " + ADD_EXAMPLE
            + "; 400 for unknown or unfit modes, bad namespaces or elements")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.GROW_SET_ADD_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "added",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.GROW_SET_ADD_RESULT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @Post(uri = "/{namespace}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> add(@PathVariable String namespace, @Nullable @Body String body,
                                                  @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                  HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        GrowSetAddRequest a = JsonBodies.read(body, GrowSetAddRequest.class, ADD_EXAMPLE); // before the key is claimed
        return calls.write("set-add", request, idempotencyKey, body, a.mode(), namespace, g -> { }, g -> {
            g.set().add(a.element());
            return new GrowSetAddResult(g.namespace(), g.mode().id(), a.element());
        });
    }

    /** Every element of the set under {@code mode}, ascending. */
    @Operation(summary = "Read a grow-only set", description = "?mode=<mode>; 200 {\"namespace\",\"mode\",\"elements\":[1,5,42]}")
    @ApiResponse(responseCode = "200",
            description = "the elements, ascending",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.GROW_SET_VIEW)))
    @Parameter(name = "mode", in = ParameterIn.QUERY, ref = ApiComponents.MODE_PARAMETER)
    @Get(uri = "/{namespace}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> readAll(@PathVariable String namespace, @Parameter(hidden = true) @Nullable @QueryValue String mode,
                                                      HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of("mode"));
        return calls.read("set-read", mode, namespace, g -> new GrowSetView(g.namespace(), g.mode().id(), List.copyOf(g.set().readAll())));
    }
}
