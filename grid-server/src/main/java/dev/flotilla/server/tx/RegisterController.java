package dev.flotilla.server.tx;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.RegisterCompareAndSetRequest;
import dev.flotilla.client.protocol.RegisterCompareAndSetResult;
import dev.flotilla.client.protocol.RegisterView;
import dev.flotilla.client.protocol.RegisterWriteRequest;
import dev.flotilla.grid.guarantee.Guarantees;
import dev.flotilla.grid.map.EntryNames;
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
import io.micronaut.http.annotation.Put;
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
 * Keyed long registers under a named guarantee mode, on grid-core's {@code Register}:
 * {@code GET} and {@code PUT /registers/{namespace}/{key}}, {@code POST /registers/{namespace}/{key}/cas}.
 *
 * <p>Each mode keeps its promises as {@code docs/guarantees.md} states them. Writes honour {@code Idempotency-Key};
 * a compare-and-set that finds another value answers 200 with {@code applied: false} (surely not written).
 */
@Controller("/registers")
@Tag(name = "registers")
@DataErrors
public class RegisterController {
    private static final String WRITE_EXAMPLE = "{\"mode\":\"atomic-key\",\"value\":7}";
    private static final String CAS_EXAMPLE = "{\"mode\":\"atomic-key\",\"expected\":null,\"value\":7}";

    private final GuaranteeCalls calls;

    public RegisterController(GuaranteeCalls calls) {
        this.calls = calls;
    }

    /** The register's value under {@code mode}; {@code value} is null when it was never written. */
    @Operation(summary = "Read a register", description = "?mode=<mode>; 200 {\"namespace\",\"mode\",\"key\",\"value\"}"
            + " with value null when never written; 400 for unknown or unfit modes, bad namespaces or keys")
    @ApiResponse(responseCode = "200",
            description = "the register; value null when never written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.REGISTER_VIEW)))
    @Parameter(name = "mode", in = ParameterIn.QUERY, ref = ApiComponents.MODE_PARAMETER)
    @Get(uri = "/{namespace}/{key}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> read(@PathVariable String namespace, @PathVariable String key,
                                                   @Parameter(hidden = true) @Nullable @QueryValue String mode, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of("mode"));
        return calls.read("register-read", mode, namespace, g -> new RegisterView(g.namespace(), g.mode().id(), key,
                g.register().read(requireKey(g, key))));
    }

    /** Sets the register under {@code mode}; 200 with the value written. */
    @Operation(summary = "Write a register", description = "Body " + WRITE_EXAMPLE
            + "; 400 for unknown or unfit modes, bad namespaces, keys or values")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.REGISTER_WRITE_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "the value written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.REGISTER_VIEW)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @Put(uri = "/{namespace}/{key}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> write(@PathVariable String namespace, @PathVariable String key,
                                                    @Nullable @Body String body,
                                                    @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                    HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        RegisterWriteRequest w = JsonBodies.read(body, RegisterWriteRequest.class, WRITE_EXAMPLE); // before the key is claimed
        return calls.write("register-write", request, idempotencyKey, body, w.mode(), namespace, g -> requireKey(g, key), g -> {
            g.register().write(key, w.value());
            return new RegisterView(g.namespace(), g.mode().id(), key, w.value());
        });
    }

    /** Writes {@code value} only if the register holds {@code expected} (null: never written); 200 saying whether. */
    @Operation(summary = "Compare-and-set a register", description = "Body " + CAS_EXAMPLE + " (expected null or"
            + " absent: only if never written); 200 {\"applied\":true,\"value\":7} or {\"applied\":false} (surely not"
            + " written: the register held another value); 400 for unknown or unfit modes, bad namespaces, keys or values")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.REGISTER_CAS_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "applied, or not (applied false: surely not written)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.REGISTER_CAS_RESULT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @Post(uri = "/{namespace}/{key}/cas", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> compareAndSet(@PathVariable String namespace, @PathVariable String key,
                                                            @Nullable @Body String body,
                                                            @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                            HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        RegisterCompareAndSetRequest c = JsonBodies.read(body, RegisterCompareAndSetRequest.class, CAS_EXAMPLE);
        return calls.write("register-cas", request, idempotencyKey, body, c.mode(), namespace, g -> requireKey(g, key), g -> {
            boolean applied = g.register().compareAndSet(key, c.expected(), c.value());
            return new RegisterCompareAndSetResult(g.namespace(), g.mode().id(), key, applied, applied ? c.value() : null);
        });
    }

    /**
     * The key, checked as grid-core's {@code Register} checks it (so that a bad key is refused before an
     * {@code Idempotency-Key} is claimed): {@link EntryNames#requireKey}, and no '@' under the CP modes.
     */
    private static String requireKey(Guarantees g, String key) {
        EntryNames.requireKey(key);
        if (g.mode().usesCpSubsystem() && key.indexOf('@') >= 0) {
            throw new ProblemException(ErrorCode.INVALID_KEY, "mode '" + g.mode().id()
                    + "' does not allow '@' in keys (it names a CP group)");
        }
        return key;
    }
}
