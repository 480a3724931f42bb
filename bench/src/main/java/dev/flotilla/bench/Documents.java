package dev.flotilla.bench;

/** The documents every benchmark reads and writes. */
public final class Documents {
    private Documents() {
    }

    /** A JSON object of exactly {@code bytes} bytes (at least 10): {@code {"v":"xxx..."}}. */
    public static String ofSize(int bytes) {
        if (bytes < 10) {
            throw new IllegalArgumentException("a document has at least 10 bytes, not " + bytes);
        }
        return "{\"v\":\"" + "x".repeat(bytes - 8) + "\"}";
    }
}
