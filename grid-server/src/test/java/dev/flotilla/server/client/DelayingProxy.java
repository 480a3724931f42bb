package dev.flotilla.server.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy in front of a real node that holds every chunk sent by the client for a fixed delay before forwarding
 * it: the node behind it looks slow, nothing is faked. Answers flow back undelayed.
 */
final class DelayingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI target;
    private final long delayMillis;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "delaying-proxy");
        t.setDaemon(true);
        return t;
    });

    DelayingProxy(URI target, long delayMillis) throws IOException {
        this.target = target;
        this.delayMillis = delayMillis;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        pumps.execute(this::accept);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "delaying-proxy-writer");
                    t.setDaemon(true);
                    return t;
                });
                pumps.execute(() -> pump(client, upstream, delayed));
                pumps.execute(() -> pump(upstream, client, null));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, ScheduledExecutorService delayed) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                byte[] chunk = Arrays.copyOf(buffer, n);
                if (delayed == null) {
                    out.write(chunk);
                    out.flush();
                } else {
                    delayed.schedule(() -> {
                        try {
                            out.write(chunk);
                            out.flush();
                        } catch (IOException ignored) {
                            // the other side closed
                        }
                    }, delayMillis, TimeUnit.MILLISECONDS);
                }
            }
        } catch (IOException ignored) {
            // connection closed
        } finally {
            if (delayed != null) {
                delayed.schedule(() -> closeQuietly(to), delayMillis, TimeUnit.MILLISECONDS);
                delayed.shutdown();
            } else {
                closeQuietly(to);
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        pumps.shutdownNow();
    }
}
