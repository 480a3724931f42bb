package dev.flotilla.server.map;

import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;
import dev.flotilla.client.protocol.Problem;
import dev.flotilla.client.protocol.WriteResult;
import dev.flotilla.grid.Grid;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.VersionMismatchException;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.Versioned;
import dev.flotilla.grid.map.VersionedMap;
import dev.flotilla.server.ApiComponents;
import dev.flotilla.server.DataErrors;
import dev.flotilla.server.WriteErrors;
import dev.flotilla.server.idempotency.IdempotentRequests;
import dev.flotilla.server.metrics.GridOperationTimers;
import dev.flotilla.server.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

/**
 * The JSON document API: {@code GET|PUT|DELETE /maps/{map}/{key}} and {@code POST /maps/{map}/batch}.
 *
 * <p>Each handler checks names, parameters and headers, then calls grid-core's async API and maps the result. The
 * futures complete on the Hazelcast thread that received the answer; nothing here blocks the event loop. A grid
 * call that depends on the answer of another (If-Match: *) is made from {@code executor}, never from that Hazelcast
 * thread, which must not call the grid again. Every rejection happens before the grid is called, so a 4xx answer
 * means nothing was written.
 */
@Controller("/maps")
@Tag(name = "maps")
@DataErrors
public class MapController {
    private static final Set<String> NO_PARAMETERS = Set.of();
    private static final Set<String> WRITE_PARAMETERS = Set.of("ttl");

    private final Grid grid;
    private final IdempotentRequests idempotent;
    private final Executor executor;
    private final GridOperationTimers timers;

    /**
     * @param executor where a grid call that follows another grid call's answer is made: grid futures complete on a
     *                 Hazelcast response or partition thread, which must not call the grid again
     */
    public MapController(Grid grid, IdempotentRequests idempotent, @Named(TaskExecutors.IO) Executor executor,
                         GridOperationTimers timers) {
        this.grid = grid;
        this.idempotent = idempotent;
        this.executor = executor;
        this.timers = timers;
    }

    /** Reads a document; answers it as stored with its version as ETag, 304 when If-None-Match names that version. */
    @Operation(summary = "Read a document", description = "200 with the document and ETag \"<version>\"; 404 not-found when absent")
    @ApiResponse(responseCode = "200",
            description = "the document as stored",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.DOCUMENT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = ApiComponents.ETAG, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "304",
            description = "If-None-Match names the current version",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = ApiComponents.ETAG, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = ApiComponents.NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Get(uri = "/{map}/{key}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<byte[]>> get(@PathVariable String map, @PathVariable String key,
                                                       @Parameter(description = ApiComponents.IF_NONE_MATCH_READ) @Nullable @Header("If-None-Match") String ifNoneMatch,
                                                       HttpRequest<?> request) {
        names(map, key);
        RequestParameters.requireOnly(request, NO_PARAMETERS);
        VersionedMap documents = grid.map(map);
        LongPredicate notModified = Precondition.notModified(ifNoneMatch);
        return timers.map("get", () -> documents.getAsync(key)).thenApply(found -> {
            if (found.isEmpty()) {
                throw notFound(map, key);
            }
            String etag = Preconditions.etag(found.get().version());
            if (notModified.test(found.get().version())) {
                return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(Preconditions.ETAG, etag);
            }
            return HttpResponse.ok(found.get().json().getBytes(StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_JSON_TYPE)
                    .header(Preconditions.ETAG, etag);
        });
    }

    /**
     * Writes a document: 201 when it created the key, 200 when it replaced it, with the new version as ETag.
     * {@code If-Match: "<v>"} is a compare-and-set, {@code If-Match: *} requires the key to exist,
     * {@code If-None-Match: *} requires it to be absent; a failed condition is 412 and writes nothing. With
     * {@code Idempotency-Key}, a retry with the same key is applied at most once (see {@link IdempotentRequests}).
     */
    @Operation(summary = "Write a document", description = "201 created or 200 replaced, ETag \"<version>\"; 412 when a precondition fails")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.DOCUMENT)))
    @Parameter(name = "ttl", in = ParameterIn.QUERY, ref = ApiComponents.TTL_PARAMETER)
    @ApiResponse(responseCode = "201",
            description = "created the key",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.WRITE_RESULT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = ApiComponents.ETAG, schema = @Schema(type = "string")),
            @io.swagger.v3.oas.annotations.headers.Header(name = "Location", description = ApiComponents.LOCATION, schema = @Schema(type = "string")),
            @io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "200",
            description = "replaced the document",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.WRITE_RESULT)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = ApiComponents.ETAG, schema = @Schema(type = "string")),
            @io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @ApiResponse(responseCode = "412", description = ApiComponents.PRECONDITION_FAILED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Put(uri = "/{map}/{key}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> put(@PathVariable String map, @PathVariable String key,
                                                  @Parameter(description = ApiComponents.IF_MATCH) @Nullable @Header("If-Match") String ifMatch,
                                                  @Parameter(description = ApiComponents.IF_NONE_MATCH_WRITE) @Nullable @Header("If-None-Match") String ifNoneMatch,
                                                  @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                  @Nullable @Body String body, HttpRequest<?> request) {
        // checked before the key is claimed: a rejected request never touches the grid
        names(map, key);
        RequestParameters.requireOnly(request, WRITE_PARAMETERS);
        Duration ttl = RequestParameters.ttl(request);
        Precondition condition = Precondition.parse(ifMatch, ifNoneMatch, true);
        return idempotent.run(request, idempotencyKey, body, () -> write(map, key, condition, ttl, body));
    }

    private CompletableFuture<HttpResponse<WriteResult>> write(String map, String key, Precondition condition,
                                                               Duration ttl, String body) {
        VersionedMap documents = grid.map(map);
        CompletableFuture<Long> write = timers.map("put", () -> switch (condition.kind()) {
            case NONE -> documents.putAsync(key, body, ttl);
            case VERSIONS -> ifVersion(documents, key, condition.versions(),
                    version -> documents.compareAndSetAsync(key, version, body, ttl));
            case ABSENT -> documents.putIfAbsentAsync(key, body, ttl).exceptionally(failure -> {
                throw precondition(failure, "If-None-Match: * requires the key to be absent");
            });
            // the compare-and-set must not be sent from the thread completing getAsync: hop to our executor
            case EXISTS -> documents.getAsync(key).thenComposeAsync(found -> {
                if (found.isEmpty()) {
                    throw new ProblemException(ErrorCode.PRECONDITION_FAILED,
                            "If-Match: * requires the key to exist; key '" + key + "' is absent", 0L);
                }
                return documents.compareAndSetAsync(key, found.get().version(), body, ttl);
            }, executor);
        });
        return write.handle((version, failure) -> {
            if (failure != null) {
                throw invalidBody(failure);
            }
            MutableHttpResponse<WriteResult> response = version == 1
                    ? HttpResponse.created(new WriteResult(map, key, version),
                    URI.create("/maps/" + pathSegment(map) + "/" + pathSegment(key)))
                    : HttpResponse.ok(new WriteResult(map, key, version));
            return response.header(Preconditions.ETAG, Preconditions.etag(version));
        });
    }

    /**
     * Deletes a key: 204, or 404 when absent; with {@code If-Match} only if the version matches (else 412). With
     * {@code Idempotency-Key}, a retry with the same key is applied at most once.
     */
    @Operation(summary = "Delete a key", description = "204; 404 not-found when absent; 412 when If-Match does not match")
    @ApiResponse(responseCode = "204",
            description = "deleted",
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = ApiComponents.NOT_FOUND,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "409", description = ApiComponents.IN_PROGRESS,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "412", description = ApiComponents.PRECONDITION_FAILED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @ApiResponse(responseCode = "422", description = ApiComponents.KEY_REUSED,
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
    @Delete(uri = "/{map}/{key}")
    public CompletableFuture<HttpResponse<?>> delete(@PathVariable String map, @PathVariable String key,
                                                     @Parameter(description = ApiComponents.IF_MATCH) @Nullable @Header("If-Match") String ifMatch,
                                                     @Nullable @Header("If-None-Match") String ifNoneMatch,
                                                     @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                     HttpRequest<?> request) {
        // checked before the key is claimed: a rejected request never touches the grid
        names(map, key);
        RequestParameters.requireOnly(request, NO_PARAMETERS);
        Precondition condition = Precondition.parse(ifMatch, ifNoneMatch, false);
        return idempotent.run(request, idempotencyKey, null, () -> remove(map, key, condition));
    }

    private CompletableFuture<HttpResponse<Void>> remove(String map, String key, Precondition condition) {
        VersionedMap documents = grid.map(map);
        CompletableFuture<Optional<Long>> deleted = timers.map("remove", () -> switch (condition.kind()) {
            case VERSIONS -> ifVersion(documents, key, condition.versions(),
                    version -> documents.deleteIfVersionAsync(key, version)).thenApply(Optional::of);
            case EXISTS -> documents.deleteAsync(key).thenApply(found -> {
                if (found.isEmpty()) {
                    throw new ProblemException(ErrorCode.PRECONDITION_FAILED,
                            "If-Match: * requires the key to exist; key '" + key + "' is absent", 0L);
                }
                return found;
            });
            default -> documents.deleteAsync(key);
        });
        return deleted.thenApply(found -> {
            if (found.isEmpty()) {
                throw notFound(map, key);
            }
            return HttpResponse.noContent();
        });
    }

    /**
     * Reads and writes many keys in one round trip (at most 1000 in all). Not atomic and not a snapshot: each key
     * is read or written on its own, concurrently. With {@code Idempotency-Key}, a retried batch is applied at most
     * once and its first answer is replayed.
     */
    @Operation(summary = "Read and write many keys", description = "Body {\"get\":[keys],\"put\":{key:document}}; answers {\"entries\",\"missing\",\"versions\"}")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.BATCH_REQUEST)))
    @Parameter(name = "ttl", in = ParameterIn.QUERY, ref = ApiComponents.TTL_PARAMETER)
    @ApiResponse(responseCode = "200",
            description = "the documents read and the versions written",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = ApiComponents.BATCH_RESPONSE)),
            headers = {@io.swagger.v3.oas.annotations.headers.Header(name = "Idempotent-Replayed", description = ApiComponents.IDEMPOTENT_REPLAYED, schema = @Schema(type = "string"))})
    @WriteErrors
    @Post(uri = "/{map}/batch", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<?>> batch(@PathVariable String map, @Nullable @Body String body,
                                                    @Parameter(description = ApiComponents.IDEMPOTENCY_KEY) @Nullable @Header("Idempotency-Key") String idempotencyKey,
                                                    HttpRequest<?> request) {
        // checked before the key is claimed: a rejected request never touches the grid
        EntryNames.requireMapName(map);
        RequestParameters.requireOnly(request, WRITE_PARAMETERS);
        Duration ttl = RequestParameters.ttl(request);
        BatchCodec.Batch batch = BatchCodec.parse(body);
        return idempotent.run(request, idempotencyKey, body, () -> runBatch(map, batch, ttl));
    }

    private CompletableFuture<HttpResponse<byte[]>> runBatch(String map, BatchCodec.Batch batch, Duration ttl) {
        VersionedMap documents = grid.map(map);
        var reads = batch.get().isEmpty() ? CompletableFuture.completedFuture(java.util.Map.<String, dev.flotilla.grid.map.Versioned>of())
                : documents.getAllAsync(batch.get());
        var writes = batch.put().isEmpty() ? CompletableFuture.completedFuture(java.util.Map.<String, Long>of())
                : documents.putAllAsync(batch.put(), ttl);
        return reads.thenCombine(writes, (found, versions) -> HttpResponse.ok(
                        BatchCodec.write(batch.get(), found, versions).getBytes(StandardCharsets.UTF_8))
                .contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /**
     * Runs {@code attempt} (a write conditional on one version) so that it applies when the key's current version
     * is any of {@code versions}: one version is one attempt; with several, the largest is tried first, and a
     * mismatch naming a smaller listed version is retried on that one; with none, the key is read to tell its
     * version. Only smaller: versions only grow, so a key found below the version tried proves that attempt did not
     * apply, while one found above it may be this very write, applied by an attempt Hazelcast retried after a
     * member left, and trying again could apply it twice. Retries are sent from {@code executor}, not from the
     * Hazelcast thread that completed the mismatch.
     */
    private CompletableFuture<Long> ifVersion(VersionedMap documents, String key, Set<Long> versions,
                                              LongFunction<CompletableFuture<Long>> attempt) {
        if (versions.size() == 1) {
            return attempt.apply(versions.iterator().next());
        }
        if (versions.isEmpty()) {
            return documents.getAsync(key).thenApply(found -> {
                throw noneMatches(key, versions, found.map(Versioned::version).orElse(0L));
            });
        }
        return ifAnyVersion(key, versions, attempt, Collections.max(versions));
    }

    private CompletableFuture<Long> ifAnyVersion(String key, Set<Long> versions,
                                                 LongFunction<CompletableFuture<Long>> attempt, long version) {
        return attempt.apply(version).exceptionallyComposeAsync(failure -> {
            if (cause(failure) instanceof VersionMismatchException mismatch) {
                long current = mismatch.currentVersion();
                if (current < version && versions.contains(current)) {
                    return ifAnyVersion(key, versions, attempt, current);
                }
                throw noneMatches(key, versions, mismatch.currentVersion());
            }
            return CompletableFuture.failedFuture(cause(failure));
        }, executor);
    }

    private static ProblemException noneMatches(String key, Set<Long> versions, long current) {
        String found = current == 0 ? "key '" + key + "' is absent" : "key '" + key + "' has version " + current;
        String named = versions.isEmpty() ? "If-Match names no version (weak tags never match: versions compare strongly)"
                : "If-Match names versions " + versions.stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new ProblemException(ErrorCode.VERSION_MISMATCH, named + "; " + found, current);
    }

    private static void names(String map, String key) {
        EntryNames.requireMapName(map);
        EntryNames.requireKey(key);
    }

    /** A path segment percent-encoded (keys may hold spaces and any Unicode; UriBuilder rejects them unencoded). */
    private static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static ProblemException notFound(String map, String key) {
        return new ProblemException(ErrorCode.NOT_FOUND, "key '" + key + "' is not in map '" + map + "'");
    }

    /** A version mismatch of a put-if-absent, told as the failed If-None-Match it is. */
    private static RuntimeException precondition(Throwable failure, String rule) {
        Throwable cause = cause(failure);
        if (cause instanceof VersionMismatchException mismatch) {
            return new ProblemException(ErrorCode.PRECONDITION_FAILED, rule + "; it exists with version "
                    + mismatch.currentVersion(), mismatch.currentVersion());
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /** The request body is the document: grid-core's "not a JSON document" is a malformed request body here. */
    private static RuntimeException invalidBody(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof GridException grid && grid.failure() == GridFailure.INVALID_VALUE) {
            return new ProblemException(ErrorCode.MALFORMED_JSON, "the request body " + grid.getMessage().replaceFirst("^value ", ""));
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }

    /** The failure a future completed with, without the {@link CompletionException} that wraps it. */
    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
