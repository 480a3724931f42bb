package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.IndeterminateResultException;
import dev.flotilla.client.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Transport failures end to end, against sockets (no node needed). */
@Timeout(30)
class NoNodeListeningTest {

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void put_noNodeListening_definiteConnectFailedAfterEveryAttempt() throws IOException {
        try (FlotillaClient client = FlotillaClient.builder()
                .endpoints("http://127.0.0.1:" + freePort(), "http://127.0.0.1:" + freePort())
                .healthCheck(HealthCheck.disabled())
                .retryPolicy(RetryPolicy.of(3, Duration.ofMillis(1), Duration.ofMillis(2))).build()) {

            FlotillaException failure = catchThrowableOfType(() -> client.map("m").put("k", Map.of()), FlotillaException.class);

            assertThat(failure.code()).isEqualTo(FlotillaException.CONNECT_FAILED);
            assertThat(failure.definite()).isTrue();
            assertThat(client.endpoints()).allSatisfy(e -> assertThat(e.lastFailure()).contains("could not connect"));
        }
    }

    /** A socket that accepts connections, reads nothing and never answers. */
    private static ServerSocket silentNode() throws IOException {
        ServerSocket silent = new ServerSocket();
        silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        CompletableFuture.runAsync(() -> {
            List<Socket> open = new ArrayList<>();
            try {
                while (true) {
                    open.add(silent.accept());
                }
            } catch (IOException ignored) {
                // closed
            }
        });
        return silent;
    }

    @Test
    void put_nodeAcceptsButNeverAnswers_indeterminate() throws Exception {
        try (ServerSocket silent = silentNode()) {
            try (FlotillaClient client = FlotillaClient.builder().endpoints("http://127.0.0.1:" + silent.getLocalPort())
                    .healthCheck(HealthCheck.disabled()).requestTimeout(Duration.ofMillis(200))
                    .retryPolicy(RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(2))).build()) {

                IndeterminateResultException failure = catchThrowableOfType(
                        () -> client.map("m").put("k", Map.of()), IndeterminateResultException.class);

                assertThat(failure.definite()).isFalse();
                assertThat(failure.attempts()).isEqualTo(2);
                assertThat(failure.idempotencyKey()).isNotBlank();
                assertThat(failure.code()).isEqualTo(FlotillaException.REQUEST_TIMEOUT);
            }
        }
    }

    @Test
    void get_nodeAcceptsButNeverAnswers_notDefiniteTimeoutNotIndeterminate() throws Exception {
        try (ServerSocket silent = silentNode()) {
            try (FlotillaClient client = FlotillaClient.builder().endpoints("http://127.0.0.1:" + silent.getLocalPort())
                    .healthCheck(HealthCheck.disabled()).requestTimeout(Duration.ofMillis(200))
                    .retryPolicy(RetryPolicy.of(2, Duration.ofMillis(1), Duration.ofMillis(2))).build()) {

                FlotillaException failure = catchThrowableOfType(() -> client.map("m").get("k"), FlotillaException.class);

                assertThat(failure).isNotInstanceOf(IndeterminateResultException.class);
                assertThat(failure.code()).isEqualTo(FlotillaException.REQUEST_TIMEOUT);
            }
        }
    }
}
