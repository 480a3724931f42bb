package dev.flotilla.lab.fleet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the lab starts a node: the product's own launcher, {@code bin/flotilla start --config FILE}, exactly as an
 * operator does (it runs the same jar with the same JVM flags as {@code bin/flotilla cluster}).
 *
 * <p>The project root is the system property {@code flotilla-lab.home} (set by {@code bin/flotilla lab} and by the
 * build for tests), else the nearest directory above the working directory that has {@code bin/flotilla}. Node
 * JVM options come from {@code flotilla.lab.node-java-opts} (default: a small heap and the serial collector, so
 * several nodes and the lab share two cores).
 *
 * @param script    {@code <root>/bin/flotilla}
 * @param javaOpts  the nodes' JVM options (passed as {@code FLOTILLA_JAVA_OPTS})
 */
record Launcher(Path script, String javaOpts) {
    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx384m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

    /** The launcher of this project; throws IllegalStateException naming what is missing. */
    static Launcher locate() {
        String home = System.getProperty("flotilla-lab.home");
        Path root = home != null ? Path.of(home) : search(Path.of("").toAbsolutePath());
        if (root == null || !Files.isExecutable(root.resolve("bin/flotilla"))) {
            throw new IllegalStateException("cluster: processes needs the launcher bin/flotilla: set -Dflotilla-lab.home"
                    + " to the project root (bin/flotilla lab does), or run from inside the project");
        }
        return new Launcher(root.resolve("bin/flotilla").toAbsolutePath(),
                System.getProperty("flotilla.lab.node-java-opts", DEFAULT_JAVA_OPTS));
    }

    List<String> command(Path config) {
        return List.of(script.toString(), "start", "--config", config.toAbsolutePath().toString());
    }

    Map<String, String> environment() {
        return Map.of("FLOTILLA_JAVA_OPTS", javaOpts);
    }

    private static Path search(Path from) {
        for (Path dir = from; dir != null; dir = dir.getParent()) {
            if (Files.isExecutable(dir.resolve("bin/flotilla"))) {
                return dir;
            }
        }
        return null;
    }
}
