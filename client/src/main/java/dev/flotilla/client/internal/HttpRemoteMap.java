package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flotilla.client.Document;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.PartialWriteException;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.protocol.BatchEntry;
import dev.flotilla.client.protocol.BatchResponse;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.Preconditions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** {@link RemoteMap} over {@code /maps/{map}/...}. */
final class HttpRemoteMap implements RemoteMap {
    /** The node's longest key (docs/http-api.md, "Names"). */
    static final int MAX_KEY_LENGTH = 256;

    private final String name;
    private final String base;
    private final HttpFlotillaClient client;
    private final JsonValues json;

    HttpRemoteMap(String name, HttpFlotillaClient client) {
        this.name = name;
        this.base = "/maps/" + Paths.encode(name);
        this.client = client;
        this.json = client.json();
    }

    @Override
    public String name() {
        return name;
    }

    private String path(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        return base + "/" + Paths.encode(key);
    }

    @Override
    public Optional<Document> get(String key) {
        return HttpFlotillaClient.await(get(key, true));
    }

    @Override
    public CompletableFuture<Optional<Document>> getAsync(String key) {
        return get(key, false);
    }

    private CompletableFuture<Optional<Document>> get(String key, boolean blocking) {
        CompletableFuture<Reply> reply = client.send(new Call("GET", path(key), List.of(), null, RetryDecision.Kind.READ, null, key),
                blocking);
        return absentAs(reply.thenApply(r -> Optional.of(new Document(key, RequestRunner.etagVersion(r), json.readTree(r.body())))),
                Optional.empty());
    }

    @Override
    public long put(String key, Object value) {
        return HttpFlotillaClient.await(write(key, value, List.of(), false, true));
    }

    @Override
    public CompletableFuture<Long> putAsync(String key, Object value) {
        return write(key, value, List.of(), false, false);
    }

    @Override
    public long putIfAbsent(String key, Object value) {
        return HttpFlotillaClient.await(write(key, value, List.of(Preconditions.IF_NONE_MATCH, "*"), true, true));
    }

    @Override
    public CompletableFuture<Long> putIfAbsentAsync(String key, Object value) {
        return write(key, value, List.of(Preconditions.IF_NONE_MATCH, "*"), true, false);
    }

    @Override
    public long compareAndSet(String key, long expectedVersion, Object value) {
        return HttpFlotillaClient.await(compareAndSet(key, expectedVersion, value, true));
    }

    @Override
    public CompletableFuture<Long> compareAndSetAsync(String key, long expectedVersion, Object value) {
        return compareAndSet(key, expectedVersion, value, false);
    }

    private CompletableFuture<Long> compareAndSet(String key, long expectedVersion, Object value, boolean blocking) {
        if (expectedVersion == 0) {
            return write(key, value, List.of(Preconditions.IF_NONE_MATCH, "*"), true, blocking);
        }
        requireVersion(expectedVersion);
        return write(key, value, List.of(Preconditions.IF_MATCH, Preconditions.etag(expectedVersion)), true, blocking);
    }

    private CompletableFuture<Long> write(String key, Object value, List<String> headers, boolean conditional,
                                          boolean blocking) {
        Call call = client.write("PUT", path(key), headers, json.encode(value), conditional).routedBy(key);
        return client.send(call, blocking).thenApply(RequestRunner::etagVersion);
    }

    @Override
    public boolean delete(String key) {
        return HttpFlotillaClient.await(delete(key, true));
    }

    @Override
    public CompletableFuture<Boolean> deleteAsync(String key) {
        return delete(key, false);
    }

    private CompletableFuture<Boolean> delete(String key, boolean blocking) {
        Call call = client.write("DELETE", path(key), List.of(), null, false).routedBy(key);
        return absentAs(client.send(call, blocking).thenApply(r -> true), false);
    }

    @Override
    public void delete(String key, long expectedVersion) {
        HttpFlotillaClient.await(deleteIfVersion(key, expectedVersion, true));
    }

    @Override
    public CompletableFuture<Void> deleteAsync(String key, long expectedVersion) {
        return deleteIfVersion(key, expectedVersion, false);
    }

    private CompletableFuture<Void> deleteIfVersion(String key, long expectedVersion, boolean blocking) {
        requireVersion(expectedVersion);
        Call call = client.write("DELETE", path(key), List.of(Preconditions.IF_MATCH, Preconditions.etag(expectedVersion)),
                null, true).routedBy(key);
        return client.send(call, blocking).thenApply(r -> null);
    }

    @Override
    public Map<String, Document> getAll(Collection<String> keys) {
        return HttpFlotillaClient.await(getAll(keys, true));
    }

    @Override
    public CompletableFuture<Map<String, Document>> getAllAsync(Collection<String> keys) {
        return getAll(keys, false);
    }

    /** Batches of 1000 keys; blocking: one batch after another on the calling thread. */
    private CompletableFuture<Map<String, Document>> getAll(Collection<String> keys, boolean blocking) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        List<CompletableFuture<Map<String, Document>>> parts = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += Preconditions.MAX_BATCH_KEYS) {
            List<String> chunk = distinct.subList(from, Math.min(distinct.size(), from + Preconditions.MAX_BATCH_KEYS));
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            chunk.forEach(body.putArray("get")::add);
            Call call = new Call("POST", base + "/batch", List.of(), body.toString(), RetryDecision.Kind.READ, null);
            parts.add(client.send(call, blocking).thenApply(reply -> {
                BatchResponse response = json.read(reply.body(), BatchResponse.class);
                Map<String, Document> found = new LinkedHashMap<>();
                for (String key : chunk) {
                    BatchEntry entry = response.entries() == null ? null : response.entries().get(key);
                    if (entry != null) {
                        found.put(key, new Document(key, entry.version(), entry.value()));
                    }
                }
                return found;
            }));
        }
        return merge(parts);
    }

    @Override
    public Map<String, Long> putAll(Map<String, ?> values) {
        return HttpFlotillaClient.await(putAll(values, true));
    }

    @Override
    public CompletableFuture<Map<String, Long>> putAllAsync(Map<String, ?> values) {
        return putAll(values, false);
    }

    /**
     * Batches of 1000 keys, one after another, each with its own idempotency key. Every key and value is checked
     * (and encoded) before anything is sent, so a bad key or value fails the call with nothing written. The first
     * failed batch stops the call: when an earlier batch was applied (or the failed one may have been), the failure
     * is a {@link PartialWriteException} saying which keys were written, which may have been and which were not sent.
     */
    private CompletableFuture<Map<String, Long>> putAll(Map<String, ?> values, boolean blocking) {
        List<String> keys = new ArrayList<>(values.keySet());
        keys.forEach(HttpRemoteMap::requireKey);
        List<List<String>> chunks = new ArrayList<>();
        List<Call> calls = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += Preconditions.MAX_BATCH_KEYS) {
            List<String> chunk = keys.subList(from, Math.min(keys.size(), from + Preconditions.MAX_BATCH_KEYS));
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            ObjectNode put = body.putObject("put");
            chunk.forEach(key -> put.set(key, json.tree(values.get(key))));
            chunks.add(chunk);
            calls.add(client.write("POST", base + "/batch", List.of(), body.toString(), false));
        }
        CompletableFuture<Map<String, Long>> result = new CompletableFuture<>();
        putChunk(0, chunks, calls, new LinkedHashMap<>(), result, blocking);
        return result;
    }

    private void putChunk(int index, List<List<String>> chunks, List<Call> calls, Map<String, Long> written,
                          CompletableFuture<Map<String, Long>> result, boolean blocking) {
        if (index == chunks.size()) {
            result.complete(written);
            return;
        }
        client.send(calls.get(index), blocking).whenComplete((reply, failure) -> {
            Throwable problem = failure;
            if (problem == null) {
                try {
                    BatchResponse response = json.read(reply.body(), BatchResponse.class);
                    if (response.versions() != null) {
                        written.putAll(response.versions());
                    }
                } catch (RuntimeException e) {
                    problem = new FlotillaException(FlotillaException.CONNECTION_LOST, false,
                            "batch " + (index + 1) + " was applied but its answer could not be read: " + e.getMessage(), e);
                }
            }
            if (problem == null) {
                putChunk(index + 1, chunks, calls, written, result, blocking);
                return;
            }
            Throwable cause = problem instanceof CompletionException && problem.getCause() != null ? problem.getCause() : problem;
            FlotillaException error = cause instanceof FlotillaException f ? f : new FlotillaException(
                    FlotillaException.CONNECTION_LOST, false, "batch " + (index + 1) + " failed: " + cause, cause);
            if (chunks.size() == 1 || index == 0 && error.definite()) {
                result.completeExceptionally(error); // nothing else was sent: the failure is the batch's own
                return;
            }
            List<String> notSent = new ArrayList<>();
            chunks.subList(index + 1, chunks.size()).forEach(notSent::addAll);
            result.completeExceptionally(new PartialWriteException(index + 1, chunks.size(), written,
                    error.definite() ? List.of() : chunks.get(index), notSent, error));
        });
    }

    /** The node's key rule, checked before a batch is sent: 1-256 characters, no control character, no '/'. */
    static void requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key '" + key.substring(0, 20) + "...' is " + key.length()
                    + " characters long; the limit is " + MAX_KEY_LENGTH);
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            boolean brokenSurrogate = Character.isHighSurrogate(c)
                    ? i + 1 >= key.length() || !Character.isLowSurrogate(key.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(key.charAt(i - 1)));
            if (Character.isISOControl(c) || c == '/' || brokenSurrogate) {
                throw new IllegalArgumentException("key has a forbidden character at position " + i
                        + " (control characters, '/' and unpaired surrogates are not allowed)");
            }
        }
    }

    private static <V> CompletableFuture<Map<String, V>> merge(List<CompletableFuture<Map<String, V>>> parts) {
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            Map<String, V> all = new LinkedHashMap<>();
            parts.forEach(part -> all.putAll(part.join()));
            return all;
        });
    }

    /** Maps a {@code not-found} answer to {@code absent}; every other failure passes through. */
    private static <T> CompletableFuture<T> absentAs(CompletableFuture<T> future, T absent) {
        return future.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof FlotillaException f && f.code().equals(ErrorCode.NOT_FOUND.code())) {
                return CompletableFuture.completedFuture(absent);
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    private static void requireVersion(long version) {
        if (version < 1) {
            throw new IllegalArgumentException("expected version must be positive (0 means absent: use putIfAbsent), not " + version);
        }
    }

}
