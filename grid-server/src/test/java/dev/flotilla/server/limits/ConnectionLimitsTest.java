package dev.flotilla.server.limits;

import dev.flotilla.server.fixture.EventStream;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The HTTP side's connection limits against a real node, with raw sockets. */
@Timeout(120)
class ConnectionLimitsTest {

    @Test
    void headerTimeout_clientTricklingHeaderLines_closedWhileOtherConnectionsServed() throws IOException {
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.limits.header-timeout", "1500ms"))) {
            Http http = new Http(node.uri());
            // Before the connect: the server's timer starts when it accepts, so it cannot fire earlier than 1.5 s
            // after this, however slowly this thread gets to its next line on a loaded machine.
            long start = System.nanoTime();
            try (Socket trickle = connect(node.uri())) {
                OutputStream out = trickle.getOutputStream();
                out.write("GET /cluster HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                int[] lines = {0};
                // one header line every 200 ms: each resets a read-idle timer, none completes the head
                await("closed by the header timeout").atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            assertThat(http.get("/cluster").status()).as("another connection is served")
                                    .isEqualTo(200);
                            try {
                                out.write(("X-Line-" + lines[0]++ + ": a\r\n").getBytes(StandardCharsets.US_ASCII));
                                out.flush();
                            } catch (IOException e) {
                                return true;
                            }
                            return closed(trickle);
                        });
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertThat(millis).as("closed after the timeout, not before").isGreaterThanOrEqualTo(1_300);
                assertThat(lines[0]).isGreaterThan(3);
                assertThat(node.context().getBean(ConnectionLimits.class).headerTimeouts()).isPositive();
                assertThat(http.get("/cluster").status()).isEqualTo(200);
            }
        }
    }

    @Test
    void headerTimeout_keepAliveRequestsInTime_connectionKept() throws IOException {
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.limits.header-timeout", "1s"));
             Socket socket = connect(node.uri())) {
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream().write("GET /cluster/members HTTP/1.1\r\nHost: x\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                assertThat(readHead(socket)).startsWith("HTTP/1.1 200");
            }
        }
    }

    @Test
    void maxConnections_capPlusThreeOpened_extrasClosedAndServedAgainAfterwards() throws IOException {
        int cap = 4;
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.limits.max-connections", cap))) {
            ConnectionLimits limits = node.context().getBean(ConnectionLimits.class);
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < cap + 3; i++) {
                    sockets.add(connect(node.uri()));
                }
                await("extras closed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> sockets.stream().filter(ConnectionLimitsTest::closed).count() == 3);
                assertThat(limits.refusedConnections()).isEqualTo(3);
                assertThat(limits.openConnections()).isEqualTo(cap);
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            Http http = new Http(node.uri());
            await("served again").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> limits.openConnections() == 0);
            assertThat(http.get("/cluster").status()).isEqualTo(200);
        }
    }

    @Test
    void eventStream_subscribersBeyondCap_capacity503UntilOneLeaves() {
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.limits.max-event-subscribers", 2))) {
            Http http = new Http(node.uri());
            URI events = node.uri().resolve("/cluster/events");
            try (EventStream first = EventStream.open(events); EventStream second = EventStream.open(events)) {
                assertThat(first.status()).isEqualTo(200);
                assertThat(second.status()).isEqualTo(200);
                Http.Reply refused = http.get("/cluster/events");
                assertThat(refused.assertProblem(503, "capacity", true).get("detail").asText())
                        .contains("flotilla-server.limits.max-event-subscribers");
                assertThat(refused.header("Retry-After")).isPresent();
                first.close();
                await("a place freed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> {
                            try (EventStream third = EventStream.open(events)) {
                                return third.status() == 200;
                            }
                        });
            }
        }
    }

    private static Socket connect(URI uri) throws IOException {
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        socket.setSoTimeout(50);
        return socket;
    }

    /** Whether the server closed the connection: a read ends (or resets) instead of timing out. */
    private static boolean closed(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            int b;
            do {
                b = in.read();
            } while (b >= 0);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    /** Reads one response head and its body (Content-Length) from a keep-alive connection. */
    private static String readHead(Socket socket) {
        try {
            socket.setSoTimeout(5_000);
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after: " + head);
                }
                head.append((char) b);
            }
            String text = head.toString();
            int length = text.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).strip())).findFirst().orElse(0);
            in.readNBytes(length);
            // the next request comes more than half a header timeout later: the idle gap is not timed
            await().pollDelay(Duration.ofMillis(600)).until(() -> true);
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
