package dev.flotilla.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the figures were measured on: they mean nothing without it. */
record Machine(int cores, String loadAverage, String java, String os) {
    static Machine describe() {
        String load;
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            load = "unknown";
        }
        return new Machine(Runtime.getRuntime().availableProcessors(), load,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    }
}
