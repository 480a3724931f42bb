package dev.flotilla.server.tx;

import dev.flotilla.client.protocol.AccountsRequest;
import dev.flotilla.client.protocol.BalancesView;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.client.protocol.TransferRequest;
import dev.flotilla.client.protocol.TransferResult;
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

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Bank accounts and money transfers under a named guarantee mode, on grid-core's {@code Guarantees}:
 * {@code POST /accounts}, {@code GET /accounts/{namespace}}, {@code POST /transfers}.
 *
 * <p>Guarantee calls block, so they run on the blocking executor ({@link GuaranteeCalls}). Each mode keeps its
 * promises as {@code docs/guarantees.md} states them; the map-based modes share the accounts of a namespace, the CP
 * modes keep their own ledger. Writes honour {@code Idempotency-Key}; the mode and namespace are checked before the
 * key is claimed.
 */
@Controller
@Tag(name = "transfers")
@DataErrors
public class TransferController {
    private static final String TRANSFER_EXAMPLE = "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":10,\"mode\":\"tx-two-phase\"}";
    private static final String ACCOUNTS_EXAMPLE = "{\"mode\":\"tx-two-phase\",\"balances\":{\"alice\":100,\"bob\":0}}";

    private final GuaranteeCalls calls;

    public TransferController(GuaranteeCalls calls) {
        this.calls = calls;
    }

    /** Moves {@code amount} from one account to another under {@code mode}; 200 with the transfer as applied. */
    @Operation(summary = "Transfer money", description = "Body " + TRANSFER_EXAMPLE + "; 409 insufficient-balance; 400 for unknown accounts, bad amounts, unknown or unfit modes")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.TRANSFER_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "moved",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.TRANSFER_RESULT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @ApiResponse(responseCode = "409", description = "insufficient-balance: the source holds less than the amount, nothing moved; or " + ApiComponents.IN_PROGRESS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Post(uri = "/transfers", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> transfer(@Nullable @Body String body,
                                                       @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                       HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        TransferRequest t = JsonBodies.read(body, TransferRequest.class, TRANSFER_EXAMPLE); // before the key is claimed
        return calls.write("transfer", request, idempotencyKey, body, t.mode(), t.namespace(), g -> { }, g -> {
            // An insufficient balance is a definite GridFailure and answers 409 through the common handler.
            g.accounts().transfer(t.from(), t.to(), t.amount());
            return new TransferResult(g.namespace(), t.from(), t.to(), t.amount(), g.mode().id());
        });
    }

    /** Sets the balances of accounts, opening the missing ones; 200 with the balances now held. */
    @Operation(summary = "Open accounts or set balances", description = "Body " + ACCOUNTS_EXAMPLE)
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.ACCOUNTS_REQUEST)))
    @ApiResponse(responseCode = "200",
            description = "the balances now held",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.BALANCES_VIEW)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @Post(uri = "/accounts", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> open(@Nullable @Body String body,
                                                   @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                   HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        AccountsRequest a = JsonBodies.read(body, AccountsRequest.class, ACCOUNTS_EXAMPLE); // before the key is claimed
        if (a.balances() == null || a.balances().isEmpty()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "'balances' must name at least one account; send "
                    + ACCOUNTS_EXAMPLE);
        }
        return calls.write("accounts-open", request, idempotencyKey, body, a.mode(), a.namespace(), g -> { }, g -> {
            g.accounts().open(a.balances());
            return new BalancesView(g.namespace(), g.mode().id(), g.accounts().balances(a.balances().keySet()));
        });
    }

    /** The balances of the named accounts, read as consistently as {@code mode} allows; unknown accounts are absent. */
    @Operation(summary = "Read balances", description = "?mode=<mode>&names=alice,bob")
    @ApiResponse(responseCode = "200",
            description = "the balances; accounts never opened are absent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.BALANCES_VIEW)))
    @Parameter(name = "mode", in = ParameterIn.QUERY, ref = ApiComponents.MODE_PARAMETER)
    @Parameter(name = "names", in = ParameterIn.QUERY, ref = ApiComponents.NAMES_PARAMETER)
    @Get(uri = "/accounts/{namespace}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> balances(@PathVariable String namespace, @Parameter(hidden = true) @Nullable @QueryValue String mode,
                                                       @Parameter(hidden = true) @Nullable @QueryValue String names, HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of("mode", "names"));
        if (names == null || names.isBlank()) {
            throw new ProblemException(ErrorCode.INVALID_PARAMETER, "'names' must list accounts, comma separated");
        }
        List<String> accounts = Arrays.stream(names.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return calls.read("accounts-read", mode, namespace, g -> new BalancesView(g.namespace(), g.mode().id(), g.accounts().balances(accounts)));
    }
}
