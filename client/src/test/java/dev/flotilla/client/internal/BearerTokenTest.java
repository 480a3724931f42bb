package dev.flotilla.client.internal;

import com.sun.net.httpserver.HttpServer;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client's token goes on every request it sends: calls, the retry on another node, and every health probe. */
@Timeout(60)
class BearerTokenTest {
    private static final String TOKEN = "Zm9vYmFyLXRva2VuLWZvci10ZXN0cw";

    /** A node that records each request as "METHOD path Authorization" and answers health UP, data 503 or 200. */
    private static final class RecordingNode implements AutoCloseable {
        final List<String> requests = new CopyOnWriteArrayList<>();
        final HttpServer server;

        RecordingNode(AtomicBoolean unavailable) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getRawPath();
                requests.add(exchange.getRequestMethod() + " " + path + " "
                        + exchange.getRequestHeaders().getFirst("Authorization"));
                exchange.getRequestBody().readAllBytes();
                String body;
                int status;
                String type = "application/json";
                if (path.startsWith("/health")) {
                    status = 200;
                    body = "{\"status\":\"UP\"}";
                } else if (unavailable.get()) {
                    status = 503;
                    type = "application/problem+json";
                    body = "{\"type\":\"urn:flotilla:problem:member-not-running\",\"title\":\"t\",\"status\":503,"
                            + "\"detail\":\"d\",\"code\":\"member-not-running\",\"definite\":true}";
                } else {
                    status = 200;
                    body = "{\"n\":1}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", type);
                exchange.getResponseHeaders().add("ETag", "\"1\"");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            });
            server.start();
        }

        String uri() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void everyRequest_callsFailoverAndHealthProbes_carryTheBearerToken() throws IOException {
        try (RecordingNode down = new RecordingNode(new AtomicBoolean(true));
             RecordingNode up = new RecordingNode(new AtomicBoolean(false));
             FlotillaClient client = FlotillaClient.builder().endpoints(down.uri(), up.uri()).bearerToken(TOKEN)
                     .healthCheck(HealthCheck.every(Duration.ofMillis(50))).build()) {
            for (int i = 0; i < 4; i++) {
                assertThat(client.map("m").get("k" + i)).isPresent();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> down.requests.stream().filter(r -> r.startsWith("GET /health")).count() >= 2
                    && up.requests.stream().filter(r -> r.startsWith("GET /health")).count() >= 2);

            assertThat(down.requests).as("the node that failed calls over").anyMatch(r -> r.startsWith("GET /maps/"));
            for (RecordingNode node : List.of(down, up)) {
                assertThat(node.requests).isNotEmpty().allSatisfy(r -> assertThat(r).endsWith(" Bearer " + TOKEN));
            }
        }
    }
}
