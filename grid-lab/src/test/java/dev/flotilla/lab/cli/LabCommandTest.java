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
    void execute_noArguments_exitsUsageWithUsage() {
        assertThat(execute()).isEqualTo(64);
        assertThat(errText()).contains("usage: lab run");
    }

    @Test
    void execute_unknownCommand_exitsUsageNamingIt() {
        assertThat(execute("lab", "explode")).isEqualTo(64);
        assertThat(errText()).contains("unknown command 'explode'");
    }

    @Test
    void run_missingSpecFile_exitsDataError() {
        assertThat(execute("lab", "run", "no-such-spec.yml")).isEqualTo(65);
        assertThat(errText()).contains("spec file not found");
    }

    @Test
    void run_invalidSpec_exitsDataErrorNamingTheField(@TempDir Path dir) throws IOException {
        Path spec = dir.resolve("bad.yml");
        Files.writeString(spec, "workload: counter\nmode: unsafe\nclients: 0\n");
        assertThat(execute("lab", "run", spec.toString())).isEqualTo(65);
        assertThat(errText()).contains("clients = 0");
    }

    @Test
    void matrix_unknownOption_exitsUsage() {
        assertThat(execute("lab", "matrix", "--fast")).isEqualTo(64);
        assertThat(errText()).contains("unknown option '--fast'");
    }

    @Test
    void help_exitsZero() {
        assertThat(execute("lab", "--help")).isZero();
    }

    @Test
    void exitCodes_readmeTable_listsEveryCode() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ExitCode code : ExitCode.values()) {
            assertThat(readme).as(code.name()).containsPattern("\\n\\| `" + code.code() + "` \\|");
        }
    }
}
