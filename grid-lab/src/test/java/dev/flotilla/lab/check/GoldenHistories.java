package dev.flotilla.lab.check;

import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Loads the hand-made histories under src/test/resources/histories. */
public final class GoldenHistories {

    private GoldenHistories() {
    }

    static History load(String name) {
        try (InputStream in = GoldenHistories.class.getResourceAsStream("/histories/" + name + ".jsonl")) {
            if (in == null) {
                throw new IllegalArgumentException("no golden history " + name);
            }
            return HistoryFile.read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path path(String name) {
        try {
            return Path.of(GoldenHistories.class.getResource("/histories/" + name + ".jsonl").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
