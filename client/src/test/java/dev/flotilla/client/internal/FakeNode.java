package dev.flotilla.client.internal;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A scripted HTTP node on a loopback port: {@code script} answers each request from its number and body. */
final class FakeNode implements AutoCloseable {
    /** One answer. */
    record Answer(int status, String contentType, String body, List<String> headers) {
        static Answer json(int status, String body, String... headers) {
            return new Answer(status, "application/json", body, List.of(headers));
        }

        static Answer problem(int status, String code, boolean definite) {
            return new Answer(status, "application/problem+json", "{\"type\":\"about:blank\",\"title\":\"t\",\"status\":" + status
                    + ",\"detail\":\"scripted\",\"code\":\"" + code + "\",\"definite\":" + definite + "}", List.of());
        }
    }

    /** What the node answers to its {@code n}-th request (from 1). */
    interface Script {
        Answer answer(int n, String method, String path, String body);
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-node");
        t.setDaemon(true);
        return t;
    });
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    FakeNode(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int n;
            synchronized (bodies) {
                bodies.add(body);
                n = bodies.size();
            }
            Answer answer = script.answer(n, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), body);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            for (int i = 0; i < answer.headers().size(); i += 2) {
                exchange.getResponseHeaders().add(answer.headers().get(i), answer.headers().get(i + 1));
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The request bodies received so far, in order. */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
