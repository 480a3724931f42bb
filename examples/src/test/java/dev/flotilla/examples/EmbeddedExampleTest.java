package dev.flotilla.examples;

import dev.flotilla.grid.GridConfig;
import dev.flotilla.grid.LoopbackProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
class EmbeddedExampleTest {

    @Test
    void run_freshMember_updatesAndRefusesStaleWrite() throws IOException {
        int port = LoopbackProfile.freePort();
        GridConfig config = GridConfig.builder().clusterName("example-" + UUID.randomUUID().toString().substring(0, 8))
                .port(port).portAutoIncrement(false).partitionCount(7)
                .property("hazelcast.wait.seconds.before.join", "0").build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        EmbeddedExample.run(config, new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(
                "wrote alice at version 1",
                "updated alice to version 2: {\"items\":[\"tea\",\"milk\"]}",
                "a stale update was refused: key 'alice': expected version 1 but found version 2",
                "members: 1, partitions: 7, cluster safe: true");
    }

    @Test
    void sources_useOnlyPublicPackages() throws IOException {
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(f -> f.toString().endsWith(".java")).filter(f -> {
                try {
                    return Files.readAllLines(f).stream().anyMatch(line ->
                            line.startsWith("import") && (line.contains(".internal.") || line.contains("com.hazelcast.")));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertThat(offenders).as("examples importing internal packages").isEmpty();
    }
}
