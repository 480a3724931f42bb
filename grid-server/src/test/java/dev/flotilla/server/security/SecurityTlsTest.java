package dev.flotilla.server.security;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.server.fixture.ServerNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** HTTPS with a key and certificate given as PKCS12 or PEM; the client trusts a private CA, and says so when it does not. */
@Timeout(120)
class SecurityTlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void certificates() throws Exception {
        certificates = TestCertificates.make(dir);
    }

    private static Map<String, Object> tls(Map<String, Object> keyStore) {
        Map<String, Object> p = new LinkedHashMap<>(SecurityApiTest.secured());
        p.put("micronaut.server.ssl.enabled", true);
        p.put("micronaut.server.ssl.port", -1);
        p.putAll(keyStore);
        return p;
    }

    private static Map<String, Object> pkcs12() {
        return Map.of("micronaut.server.ssl.key-store.path", "file:" + certificates.nodeP12(),
                "micronaut.server.ssl.key-store.type", "PKCS12",
                "micronaut.server.ssl.key-store.password", certificates.password());
    }

    private static Map<String, Object> pem() {
        return Map.of("micronaut.server.ssl.key-store.key-path", "file:" + certificates.nodeKeyPem(),
                "micronaut.server.ssl.key-store.certificate-path", "file:" + certificates.nodeChainPem());
    }

    @Test
    void client_pkcs12NodeAndTrustedCa_talksHttps_noPlainHttp() {
        int httpPort = dev.flotilla.grid.LoopbackProfile.freePort();
        Map<String, Object> p = tls(pkcs12());
        p.put("micronaut.server.port", httpPort);
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(), p)) {
            assertThat(node.uri().getScheme()).isEqualTo("https");
            assertThat(node.uri().getPort()).isNotEqualTo(httpPort);
            assertWritesAndReads(node.uri());
            assertThat(catchThrowable(() -> new java.net.Socket("127.0.0.1", httpPort).close()))
                    .as("plain HTTP port").isInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void client_pemNodeAndTrustedCa_talksHttps() {
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(), tls(pem()))) {
            assertThat(node.uri().getScheme()).isEqualTo("https");
            assertWritesAndReads(node.uri());
        }
    }

    private static void assertWritesAndReads(URI uri) {
        try (FlotillaClient client = FlotillaClient.builder().endpoints(uri.toString()).bearerToken(SecurityApiTest.WRITER)
                .trustedCertificates(certificates.caPem()).build()) {
            assertThat(client.map("tls").put("k", Map.of("a", 1))).isPositive();
            assertThat(client.map("tls").get("k")).hasValueSatisfying(d -> assertThat(d.value().path("a").asInt()).isEqualTo(1));
        }
    }

    @Test
    void client_withoutTheCa_failsDefinitelyNamingTls() {
        // default health probing and retries: the node is ejected and retried, and the last failure still says TLS
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(), tls(pkcs12()));
             FlotillaClient client = FlotillaClient.builder().endpoints(node.uri().toString())
                     .bearerToken(SecurityApiTest.WRITER).build()) {
            FlotillaException failure = catchThrowableOfType(FlotillaException.class, () -> client.map("tls").get("k"));

            assertThat(failure.code()).isEqualTo(FlotillaException.TLS_FAILED);
            assertThat(failure.definite()).isTrue();
            assertThat(failure.getMessage()).contains("TLS handshake failed").contains(node.uri().toString())
                    .contains("trustedCertificates").doesNotContain(SecurityApiTest.WRITER);
            assertThat(node.grid().hazelcast().getMap("tls").containsKey("k")).isFalse();
        }
    }

    @Test
    void start_missingOrUnopenableKeyStore_refusedNamingKeyAndFile() {
        Path missing = dir.resolve("nope.p12");
        Map<String, Object> noFile = tls(Map.of("micronaut.server.ssl.key-store.path", "file:" + missing,
                "micronaut.server.ssl.key-store.type", "PKCS12", "micronaut.server.ssl.key-store.password", "x"));
        assertThat(refusal(noFile)).isEqualTo("micronaut.server.ssl.key-store.path: " + missing + " is not a readable file");

        Map<String, Object> wrongPassword = tls(Map.of("micronaut.server.ssl.key-store.path", "file:" + certificates.nodeP12(),
                "micronaut.server.ssl.key-store.type", "PKCS12", "micronaut.server.ssl.key-store.password", "wrong"));
        assertThat(refusal(wrongPassword)).startsWith("micronaut.server.ssl.key-store.path: " + certificates.nodeP12()
                + " cannot be opened as a PKCS12 key store with micronaut.server.ssl.key-store.password");

        assertThat(refusal(tls(Map.of()))).startsWith("micronaut.server.ssl.enabled is true but no key is given");
    }

    /**
     * The message of the configuration error that stops a node with these settings from starting (what it prints
     * before exit 78); checked on the settings alone, so no refused node leaves a member behind in this JVM.
     */
    private static String refusal(Map<String, Object> properties) {
        Environment environment = ApplicationContext.builder().properties(properties).environments("test").build()
                .getEnvironment().start();
        try {
            Throwable failure = catchThrowable(() -> new TlsSettings(environment));
            assertThat(failure).isInstanceOf(ConfigurationException.class);
            return failure.getMessage();
        } finally {
            environment.stop();
        }
    }
}
