package dev.flotilla.bench.jmh;

/** The JSON documents the benchmarks write and validate: fixed sizes, so runs compare. */
final class Documents {
    private Documents() {
    }

    /** A JSON object of exactly {@code chars} characters (at least 40): a few typed fields, then padding text. */
    static String ofLength(int chars, int seed) {
        String head = "{\"id\":" + seed + ",\"price\":12.5,\"tags\":[\"a\",\"b\"],\"note\":\"";
        String tail = "\"}";
        int padding = chars - head.length() - tail.length();
        if (padding < 0) {
            throw new IllegalArgumentException("a document of " + chars + " characters is too short for its fields");
        }
        StringBuilder text = new StringBuilder(chars).append(head);
        for (int i = 0; i < padding; i++) {
            text.append((char) ('a' + (seed + i) % 26));
        }
        return text.append(tail).toString();
    }
}
