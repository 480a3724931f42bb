package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A CA file the client cannot use is refused by build(), naming the file. */
class TrustedCertificatesTest {
    @TempDir
    Path dir;

    @Test
    void context_missingFile_refusedNamingIt() {
        Path missing = dir.resolve("ca.pem");
        assertThatThrownBy(() -> TrustedCertificates.context(missing)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trustedCertificates: " + missing + " cannot be read (NoSuchFileException)");
    }

    @Test
    void context_notACertificate_refused() throws IOException {
        Path file = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> TrustedCertificates.context(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedCertificates: " + file + " is not a PEM or DER X.509 certificate file");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertThatThrownBy(() -> TrustedCertificates.context(empty)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("trustedCertificates: " + empty);
    }

    @Test
    void build_trustedCertificatesAndSslContext_refused() throws Exception {
        assertThatThrownBy(() -> FlotillaClient.builder().endpoints("https://127.0.0.1:1")
                .trustedCertificates(dir.resolve("ca.pem")).sslContext(SSLContext.getDefault()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trustedCertificates and sslContext: set one of them, not both");
    }
}
