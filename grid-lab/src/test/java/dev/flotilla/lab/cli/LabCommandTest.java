package dev.flotilla.lab.cli;

import dev.flotilla.lab.run.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LabCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return LabCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void execute_noArguments_exitsTwoWithUsage() {
        assertThat(execute()).isEqualTo(2);
        assertThat(errText()).contains("usage: lab run");
    }

    @Test
    void execute_unknownCommand_exitsTwoNamingIt() {
        assertThat(execute("lab", "explode")).isEqualTo(2);
        assertThat(errText()).contains("unknown command 'explode'");
    }

    @Test
    void run_missingSpecFile_exitsTwo() {
        assertThat(execute("lab", "run", "no-such-spec.yml")).isEqualTo(2);
        assertThat(errText()).contains("spec file not found");
    }

    @Test
    void run_invalidSpec_exitsTwoNamingTheField(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("bad.yml");
        Files.writeString(spec, "workload: counter\nmode: unsafe\nclients: 0\n");
        assertThat(execute("lab", "run", spec.toString())).isEqualTo(2);
        assertThat(errText()).contains("clients = 0");
    }

    @Test
    void matrix_unknownOption_exitsTwo() {
        assertThat(execute("lab", "matrix", "--fast")).isEqualTo(2);
        assertThat(errText()).contains("unknown option '--fast'");
    }

    @Test
    void help_exitsZero() {
        assertThat(execute("lab", "--help")).isZero();
    }
}
