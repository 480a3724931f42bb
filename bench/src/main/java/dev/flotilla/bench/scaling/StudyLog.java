package dev.flotilla.bench.scaling;

/** Progress on standard error: one line per step and per measured cell, so a long run shows where it is. */
final class StudyLog {
    private final long start = System.nanoTime();

    void say(String line) {
        System.err.printf(java.util.Locale.ROOT, "[%6.1fs] %s%n", (System.nanoTime() - start) / 1e9, line);
    }

    void cell(Cell cell) {
        say(cell.toString());
    }
}
