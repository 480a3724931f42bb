package dev.flotilla.lab.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.grid.map.Versioned;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Versioned documents {@code d0..d(n-1)} through the product's document API ({@link Documents}): reads, blind
 * writes, compare-and-sets on a version, creates, deletes (unconditional and on a version) and batch gets and
 * puts of 2 or 3 distinct keys; every key's history must be linearizable as a versioned register
 * ({@code versioned-register} checker, split per key). Every written document is a unique JSON string
 * {@code "w<worker>-<n>"}, so a read names the write it saw.
 *
 * <p>A cas or conditional delete expects a random version from 1 to 4: the generator is deterministic, so it
 * cannot know what was read, and deletes keep versions small enough that such guesses often match. A mismatch
 * (and a create that finds the key present) ran and observed another version: recorded as ok with value false. Mix out of 20: 6 reads, 3 writes, 3 cas, 2 creates, 1 delete, 1 delete-if,
 * 2 batch gets, 2 batch puts.
 */
final class DocumentsWorkload extends PerKeyWorkload {
    /** Expected versions of cas and delete-if are drawn from 1 to this. */
    private static final int MAX_EXPECTED_VERSION = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    DocumentsWorkload() {
        super("d");
    }

    @Override
    public String name() {
        return "documents";
    }

    @Override
    public String model() {
        return "versioned-register";
    }

    @Override
    public Generator generator(WorkloadSettings settings, long seed, int worker) {
        Random random = Seeds.random(seed, worker);
        long[] written = {0};
        return () -> {
            String key = key(random.nextInt(settings.keys()));
            int dice = random.nextInt(20);
            if (dice < 6) {
                return new Request("read", key, null);
            }
            if (dice < 9) {
                return new Request("write", key, value(worker, written[0]++));
            }
            if (dice < 12) {
                return new Request("cas", key, List.of(expectedVersion(random), value(worker, written[0]++)));
            }
            if (dice < 14) {
                return new Request("create", key, value(worker, written[0]++));
            }
            if (dice < 15) {
                return new Request("delete", key, null);
            }
            if (dice < 16) {
                return new Request("delete-if", key, expectedVersion(random));
            }
            List<Request> parts = new ArrayList<>();
            for (String part : distinctKeys(settings, random)) {
                parts.add(dice < 18 ? new Request("read", part, null)
                        : new Request("write", part, value(worker, written[0]++)));
            }
            return Request.batch(dice < 18 ? "get-all" : "put-all", parts);
        };
    }

    @Override
    public WorkloadClient client(WorkloadSettings settings, Target target) {
        Documents documents = target.documents(settings.namespace() + ".documents");
        return new WorkloadClient() {
            @Override
            public Outcome apply(Request request) {
                String key = request.key();
                return switch (request.f()) {
                    case "read" -> Outcome.ok(read(documents.get(key).orElse(null)));
                    case "write" -> Outcome.ok(documents.put(key, json(request.value())));
                    case "cas" -> {
                        List<?> pair = (List<?>) request.value();
                        yield observingMismatch(() ->
                                Outcome.ok(documents.compareAndSet(key, (Long) pair.get(0), json(pair.get(1)))));
                    }
                    case "create" -> observingMismatch(() -> Outcome.ok(documents.create(key, json(request.value()))));
                    case "delete" -> Outcome.ok(documents.delete(key));
                    case "delete-if" -> observingMismatch(() -> {
                        documents.delete(key, (Long) request.value());
                        return Outcome.ok(null);
                    });
                    default -> throw new IllegalArgumentException("documents has no operation " + request.f());
                };
            }

            @Override
            public List<Outcome> applyBatch(Request batch) {
                List<String> keys = batch.parts().stream().map(Request::key).toList();
                return switch (batch.f()) {
                    case "get-all" -> {
                        Map<String, Versioned> found = documents.getAll(keys);
                        yield keys.stream().map(key -> Outcome.ok(read(found.get(key)))).toList();
                    }
                    case "put-all" -> {
                        Map<String, String> writes = new LinkedHashMap<>();
                        batch.parts().forEach(part -> writes.put(part.key(), json(part.value())));
                        Map<String, Long> versions = documents.putAll(writes);
                        yield keys.stream().map(key -> Outcome.ok(answeredVersion(versions, key))).toList();
                    }
                    default -> throw new IllegalArgumentException("documents has no batch " + batch.f());
                };
            }
        };
    }

    private static String value(int worker, long n) {
        return "w" + worker + "-" + n;
    }

    private static long expectedVersion(Random random) {
        return 1L + random.nextInt(MAX_EXPECTED_VERSION);
    }

    /** 2 or 3 distinct keys (fewer when there are fewer), in key order. */
    private List<String> distinctKeys(WorkloadSettings settings, Random random) {
        int size = Math.min(settings.keys(), 2 + random.nextInt(2));
        List<Integer> all = new ArrayList<>(IntStream.range(0, settings.keys()).boxed().toList());
        Collections.shuffle(all, random);
        return all.subList(0, size).stream().sorted().map(this::key).toList();
    }

    /** The written value as a JSON document: a JSON string (the values need no escaping). */
    private static String json(Object value) {
        return "\"" + value + "\"";
    }

    /** A read's history value: null when absent, else {@code {"version":n,"value":document}}. */
    private static Map<String, Object> read(Versioned stored) {
        if (stored == null) {
            return null;
        }
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("version", stored.version());
        try {
            read.put("value", JSON.readTree(stored.json()));
        } catch (JsonProcessingException e) {
            // The store hands back what was written; a document that does not parse is a finding, kept as text.
            read.put("value", stored.json());
        }
        return read;
    }

    private static long answeredVersion(Map<String, Long> versions, String key) {
        Long version = versions.get(key);
        if (version == null) {
            // Without the version nobody knows what the write did: the call's outcome is unknown for every key.
            throw new IllegalStateException("put-all answered no version for key " + key);
        }
        return version;
    }

    /**
     * A conditional call that found another version (or a present key) ran and observed it: recorded as ok with
     * value false, not as fail, which stays for calls that surely did not run.
     */
    static Outcome observingMismatch(java.util.function.Supplier<Outcome> call) {
        try {
            return call.get();
        } catch (dev.flotilla.grid.GridException e) {
            if (e.failure() == dev.flotilla.grid.GridFailure.VERSION_MISMATCH) {
                return Outcome.ok(false);
            }
            throw e;
        } catch (dev.flotilla.client.FlotillaException e) {
            if (dev.flotilla.grid.GridFailure.VERSION_MISMATCH.code().equals(e.code())) {
                return Outcome.ok(false);
            }
            throw e;
        }
    }
}
