package dev.flotilla.bench.scaling;

import dev.flotilla.bench.Documents;
import dev.flotilla.client.RawJson;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.grid.map.VersionedMap;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The operations of the study's workload, on ~100-byte JSON documents: a get, a put, or the mix the horizontal and
 * join cells run ({@link #READ_FRACTION} gets, the rest puts).
 */
enum Op {
    GET("get"), PUT("put"), MIX("mix");

    /** Share of gets in {@link #MIX}: a read-mostly cache or session store. */
    static final double READ_FRACTION = 0.8;
    /** The document every put writes: 100 characters of JSON. */
    static final String DOCUMENT = Documents.ofSize(100);
    private static final RawJson RAW_DOCUMENT = RawJson.of(DOCUMENT);

    private final String id;

    Op(String id) {
        this.id = id;
    }

    String id() {
        return id;
    }

    /** Share of this operation's calls that are reads. */
    double readFraction() {
        return switch (this) {
            case GET -> 1;
            case PUT -> 0;
            case MIX -> READ_FRACTION;
        };
    }

    /** One call of this operation over HTTP, on a random key of {@code keys}. */
    ClosedLoop.Call over(RemoteMap map, List<String> keys) {
        return call(keys, map::get, key -> map.put(key, RAW_DOCUMENT));
    }

    /** One call of this operation in-process, through grid-core, on a random key of {@code keys}. */
    ClosedLoop.Call over(VersionedMap map, List<String> keys) {
        return call(keys, map::get, key -> map.put(key, DOCUMENT));
    }

    private ClosedLoop.Call call(List<String> keys, Consumer<String> read, Consumer<String> write) {
        double reads = readFraction();
        return random -> {
            String key = keys.get(random.nextInt(keys.size()));
            if (reads >= 1 || (reads > 0 && random.nextDouble() < reads)) {
                read.accept(key);
            } else {
                write.accept(key);
            }
        };
    }

    /** Keys {@code prefix0} to {@code prefix(count-1)}. */
    static List<String> keys(String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }

    /** A random key of a large range without a list of them (the join cell's million keys). */
    static String key(String prefix, int count, SplittableRandom random) {
        return prefix + random.nextInt(count);
    }
}
