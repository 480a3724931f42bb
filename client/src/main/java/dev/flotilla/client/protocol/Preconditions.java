package dev.flotilla.client.protocol;

/** Header names, ETag spelling and limits of the HTTP data API, shared by the client and the server. */
public final class Preconditions {
    /** Compare-and-set on the entry's version: {@code If-Match: "3"}. */
    public static final String IF_MATCH = "If-Match";
    /** Put-if-absent: {@code If-None-Match: *}. */
    public static final String IF_NONE_MATCH = "If-None-Match";
    /** The entry's version as a strong entity tag: {@code ETag: "3"}. */
    public static final String ETAG = "ETag";
    /**
     * A client-chosen key that makes a retried write apply at most once: {@code Idempotency-Key: 7f3c...}.
     * 1-{@value #MAX_IDEMPOTENCY_KEY_LENGTH} visible ASCII characters.
     */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    /** Longest {@link #IDEMPOTENCY_KEY}. */
    public static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;
    /** Set to {@code true} on a response that replays the recorded outcome of an earlier request with the same key. */
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    /** Most keys one {@code POST /maps/{map}/batch} may name, gets and puts together. */
    public static final int MAX_BATCH_KEYS = 1000;

    private Preconditions() {
    }

    /** The strong entity tag of a version: {@code "3"} with the quotes. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** Whether {@code key} is a well-formed {@link #IDEMPOTENCY_KEY}: 1-255 visible ASCII characters. */
    public static boolean isIdempotencyKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /**
     * The version in a strong entity tag such as {@code "3"}, or -1 when the text is not a quoted positive
     * version (weak tags {@code W/"3"} are rejected: versions compare strongly).
     */
    public static long parseEtag(String tag) {
        if (tag == null) {
            return -1;
        }
        String t = tag.strip();
        if (t.length() < 3 || t.length() > 21 || t.charAt(0) != '"' || t.charAt(t.length() - 1) != '"') {
            return -1;
        }
        long version = 0;
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            if (version > (Long.MAX_VALUE - (c - '0')) / 10) {
                return -1;
            }
            version = version * 10 + (c - '0');
        }
        return version > 0 ? version : -1;
    }
}
