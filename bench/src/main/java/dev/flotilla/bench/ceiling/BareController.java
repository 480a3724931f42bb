package dev.flotilla.bench.ceiling;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The bare case: the document routes on the raw {@code IMap} with no envelope, version, validation or
 * idempotency, answering on the thread that completes the grid call. What a node costs above this is its
 * guarantees and its own code; what this costs above the ceiling is the grid.
 */
@Controller("/bare/maps")
@Requires(beans = HazelcastInstance.class)
public class BareController {
    private final HazelcastInstance member;

    public BareController(HazelcastInstance member) {
        this.member = member;
    }

    @Get(uri = "/{map}/{key}", produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<byte[]>> get(@PathVariable String map, @PathVariable String key) {
        return onAnsweringThread(member.<String, HazelcastJsonValue>getMap(map).getAsync(key), value -> value == null
                ? HttpResponse.<byte[]>status(HttpStatus.NOT_FOUND)
                : HttpResponse.ok(value.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Put(uri = "/{map}/{key}", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.APPLICATION_JSON)
    public CompletableFuture<HttpResponse<byte[]>> put(@PathVariable String map, @PathVariable String key, @Body String body) {
        return onAnsweringThread(member.<String, HazelcastJsonValue>getMap(map).setAsync(key, new HazelcastJsonValue(body)),
                done -> HttpResponse.ok(("{\"map\":\"" + map + "\",\"key\":\"" + key + "\"}")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Completes on the thread that completes Hazelcast's future, as a node does: Hazelcast runs a plain
     * {@code thenApply} on its default executor instead, a thread hop no node pays.
     */
    private static <T> CompletableFuture<HttpResponse<byte[]>> onAnsweringThread(CompletionStage<T> call,
                                                                                  Function<T, HttpResponse<byte[]>> answer) {
        CompletableFuture<HttpResponse<byte[]>> response = new CompletableFuture<>();
        call.whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                response.completeExceptionally(failure);
            } else {
                response.complete(answer.apply(value));
            }
        }, Runnable::run);
        return response;
    }
}
