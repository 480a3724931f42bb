package dev.flotilla.server;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.InvalidConfigException;
import dev.flotilla.lab.cli.ExitCode;
import dev.flotilla.server.config.InvalidNodeConfigException;
import io.micronaut.context.exceptions.ConfigurationException;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import java.io.IOException;
import java.io.Reader;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node start that failed for a reason the operator can fix, as the one line to print and the launcher's exit
 * code (README.md, "Exit codes"); an unforeseen failure is none of these and keeps its stack trace.
 *
 * @param line     what went wrong, naming the file, key and value or the address
 * @param exitCode {@link #CONFIG} or {@link #UNAVAILABLE}
 */
record StartupFailure(String line, int exitCode) {
    private static final Pattern SERVER_ADDRESS = Pattern.compile("Unable to start Micronaut server on (\\S+?)\\.?(\\s|$)");
    /** A setting was rejected or a config file could not be read. */
    static final int CONFIG = ExitCode.CONFIG.code();
    /** Something the node needs is not there, such as a free member or HTTP port. */
    static final int UNAVAILABLE = ExitCode.UNAVAILABLE.code();

    /**
     * A known cause behind {@code failure}, or empty; checked in a fixed order: rejected settings, YAML syntax,
     * taken ports, other configuration errors.
     *
     * @param httpAddress the HTTP server's {@code host:port}, to name it when it is taken
     */
    static Optional<StartupFailure> of(Throwable failure, Supplier<String> httpAddress) {
        return cause(failure, InvalidNodeConfigException.class)
                .map(config -> new StartupFailure(config.getMessage(), CONFIG))
                .or(() -> cause(failure, InvalidConfigException.class)
                        .map(config -> new StartupFailure("flotilla." + config.getMessage(), CONFIG)))
                .or(() -> cause(failure, MarkedYAMLException.class).map(StartupFailure::yamlSyntax))
                .or(() -> cause(failure, GridException.class).filter(grid -> cause(grid, BindException.class).isPresent())
                        .map(grid -> new StartupFailure(grid.getMessage(), UNAVAILABLE)))
                .or(() -> cause(failure, BindException.class).map(bind -> new StartupFailure(
                        "the HTTP server could not start: " + serverAddress(failure).orElseGet(httpAddress) + " is taken",
                        UNAVAILABLE)))
                .or(() -> cause(failure, ConfigurationException.class)
                        .map(config -> new StartupFailure(config.getMessage(), CONFIG)));
    }

    /**
     * The address the HTTP server tried, as Micronaut's Netty server names it ("Unable to start Micronaut server on
     * 127.0.0.1:8081"): the environment handed to a failed start may no longer resolve the node file's port.
     */
    private static Optional<String> serverAddress(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher matcher = cause.getMessage() == null ? null : SERVER_ADDRESS.matcher(cause.getMessage());
            if (matcher != null && matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    private static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /**
     * A YAML syntax error, in the file that has it. SnakeYAML's exception does not name the file (Micronaut passes
     * it a stream), so the node files given in {@code micronaut.config.files} are parsed again to find it.
     */
    private static StartupFailure yamlSyntax(MarkedYAMLException yaml) {
        Mark mark = yaml.getProblemMark();
        String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
        return new StartupFailure(fileWithYamlError().orElse("a config file") + ": YAML syntax error" + where + ": "
                + (yaml.getProblem() == null ? yaml.getMessage() : yaml.getProblem()), CONFIG);
    }

    private static Optional<String> fileWithYamlError() {
        String files = System.getProperty("micronaut.config.files", System.getenv("MICRONAUT_CONFIG_FILES"));
        if (files == null) {
            return Optional.empty();
        }
        for (String file : files.split(",")) {
            try (Reader reader = Files.newBufferedReader(Path.of(file.strip()))) {
                new Yaml().loadAll(reader).forEach(document -> { });
            } catch (MarkedYAMLException syntax) {
                return Optional.of(file.strip());
            } catch (IOException | RuntimeException unreadable) {
                // not this one
            }
        }
        return Optional.empty();
    }
}
