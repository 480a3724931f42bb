package dev.flotilla.server.security;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When security is on, and how tokens are read from a file and from configuration. */
class SecuritySettingsTest {
    @TempDir
    Path dir;

    private static SecuritySettings settings(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.builder().properties(properties).environments("test").build();
        Environment environment = context.getEnvironment().start();
        try {
            return new SecuritySettings(environment);
        } finally {
            environment.stop();
        }
    }

    @Test
    void enabled_auto_onForEveryNonLoopbackBindAddress() {
        for (String host : new String[] {"0.0.0.0", "::", "10.1.2.3", "192.168.0.7", "203.0.113.5"}) {
            assertThat(SecuritySettings.enabled("auto", Optional.of(host))).as(host).isTrue();
        }
        assertThat(SecuritySettings.enabled("auto", Optional.empty())).as("unset: every interface").isTrue();
        for (String host : new String[] {"127.0.0.1", "127.0.30.2", "::1", "[::1]", "localhost"}) {
            assertThat(SecuritySettings.enabled("auto", Optional.of(host))).as(host).isFalse();
        }
        assertThat(SecuritySettings.enabled("true", Optional.of("127.0.0.1"))).isTrue();
        assertThat(SecuritySettings.enabled("false", Optional.of("0.0.0.0"))).isFalse();
        assertThatThrownBy(() -> SecuritySettings.enabled("yes", Optional.empty()))
                .hasMessage("flotilla-server.security.enabled must be auto, true or false, not 'yes'");
    }

    @Test
    void settings_nonLoopbackWithoutTokens_refusesNamingWhatIsMissing() {
        assertThatThrownBy(() -> settings(Map.of("micronaut.server.host", "0.0.0.0")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("flotilla-server.security: security is on (micronaut.server.host 0.0.0.0 is not"
                        + " a loopback address) but no token is configured: set flotilla-server.security.tokens-file")
                .hasMessageNotContaining("\n");
        assertThat(settings(Map.of("micronaut.server.host", "127.0.0.1")).enabled()).isFalse();
    }

    @Test
    void tokensFile_commentsBlankLinesAndSeveralRoles_read() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "# name roles sha256\n\nci writer " + TokenHash.of("a") + "  # the CI job\n"
                + "ops admin,metrics " + TokenHash.of("b").toUpperCase() + "\n");
        SecuritySettings settings = settings(Map.of("micronaut.server.host", "0.0.0.0",
                "flotilla-server.security.tokens-file", file.toString()));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.tokens()).extracting(Token::name).containsExactly("ci", "ops");
        assertThat(settings.tokens().get(1).roles()).isEqualTo(Set.of(Role.ADMIN, Role.METRICS));
        HashedTokenValidator validator = new HashedTokenValidator(settings);
        assertThat(validator.find("b").name()).isEqualTo("ops");
        assertThat(validator.find("a").name()).isEqualTo("ci");
        assertThat(validator.find("c")).isNull();
        assertThat(validator.find(TokenHash.of("a"))).as("the hash is not the token").isNull();
    }

    @Test
    void tokensFile_badLines_refusedNamingFileAndLineButNeverTheSecret() throws IOException {
        Path file = dir.resolve("tokens");
        Files.writeString(file, "ci writer " + TokenHash.of("a") + "\nops admin s3cret-token\n");
        assertThatThrownBy(() -> settings(Map.of("flotilla-server.security.tokens-file", file.toString())))
                .hasMessage(file + ":2: token 'ops' needs the SHA-256 of the token as 64 hex digits, not the token"
                        + " itself (bin/flotilla token prints both)");

        Files.writeString(file, "ci root " + TokenHash.of("a") + "\n");
        assertThatThrownBy(() -> settings(Map.of("flotilla-server.security.tokens-file", file.toString())))
                .hasMessage(file + ":1: token 'ci' has unknown role 'root' (reader, writer, admin, metrics)");

        Files.writeString(file, "just-a-secret\n");
        assertThatThrownBy(() -> settings(Map.of("flotilla-server.security.tokens-file", file.toString())))
                .hasMessage(file + ":1: expected '<name> <role>[,<role>] <sha256-hex>', found 1 field(s)");

        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> settings(Map.of("flotilla-server.security.tokens-file", missing.toString())))
                .hasMessage("flotilla-server.security.tokens-file: " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    void configurationTokens_missingRolesOrDuplicateName_refused() throws IOException {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("flotilla-server.security.tokens.ci.hash", TokenHash.of("a"));
        assertThatThrownBy(() -> settings(p))
                .hasMessage("flotilla-server.security.tokens.ci.roles is missing (reader, writer, admin, metrics)");

        p.put("flotilla-server.security.tokens.ci.roles", "reader");
        Path file = dir.resolve("tokens");
        Files.writeString(file, "ci writer " + TokenHash.of("b") + "\n");
        p.put("flotilla-server.security.tokens-file", file.toString());
        assertThatThrownBy(() -> settings(p)).hasMessage("flotilla-server.security.tokens.ci: token name 'ci' is given twice");
    }

    @Test
    void generate_randomAndHashable() {
        String token = TokenHash.generate();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(TokenHash.generate());
        assertThat(TokenHash.of("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
