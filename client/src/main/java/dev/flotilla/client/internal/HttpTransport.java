package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Sends one attempt with the JDK's {@link HttpClient} and classifies transport failures by whether anything can
 * have been sent: a refused connection or a connect timeout is definite ({@code connect-failed}); a request
 * timeout ({@code request-timeout}) or any other I/O failure after the connection opened ({@code connection-lost})
 * is not.
 */
final class HttpTransport {
    private final HttpClient http;
    private final Duration requestTimeout;
    private final String authorization;

    HttpTransport(Duration connectTimeout, Duration requestTimeout, String bearerToken, Executor executor) {
        this(connectTimeout, requestTimeout, bearerToken, executor, null);
    }

    HttpTransport(Duration connectTimeout, Duration requestTimeout, String bearerToken, Executor executor,
                  SSLContext sslContext) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (executor != null) {
            builder.executor(executor);
        }
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
        this.requestTimeout = requestTimeout;
        this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    }

    /**
     * Sends {@code call} to {@code endpoint}; completes with any HTTP answer, or fails with a classified exception.
     *
     * <p>{@code blocking}: send on the calling thread and return a completed future. The JDK client's synchronous
     * {@code send} avoids two thread hand-offs per exchange and measured about three times the throughput of
     * {@code sendAsync(...).join()} on 2 cores (docs/performance.md), so the blocking API uses it.
     */
    CompletableFuture<HttpResponse<byte[]>> send(Endpoint endpoint, Call call, Duration timeout, boolean blocking) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.uri().resolve(call.path()))
                .timeout(timeout == null ? requestTimeout : timeout)
                .header("Accept", "application/json, application/problem+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        for (int i = 0; i < call.headers().size(); i += 2) {
            request.header(call.headers().get(i), call.headers().get(i + 1));
        }
        if (call.body() != null) {
            request.header("Content-Type", "application/json");
            request.method(call.method(), HttpRequest.BodyPublishers.ofString(call.body()));
        } else {
            request.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        if (blocking) {
            try {
                return CompletableFuture.completedFuture(http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CompletableFuture.failedFuture(new FlotillaException(FlotillaException.CONNECTION_LOST, false,
                        "interrupted while waiting for " + endpoint.uri() + "; the request may have been applied", e));
            } catch (IOException | RuntimeException e) {
                return CompletableFuture.failedFuture(classify(e, endpoint));
            }
        }
        CompletableFuture<HttpResponse<byte[]>> sent;
        try {
            sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(classify(e, endpoint));
        }
        return sent.handle((response, failure) -> {
            if (failure != null) {
                throw classify(failure, endpoint);
            }
            return response;
        });
    }

    /** The exception a transport failure becomes; definite only when nothing can have been sent. */
    static FlotillaException classify(Throwable failure, Endpoint endpoint) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        String where = endpoint == null ? "" : " (" + endpoint.uri() + ")";
        if (hasCause(t, SSLHandshakeException.class)) {
            // The handshake comes before any byte of the request: nothing was sent.
            return new FlotillaException(FlotillaException.TLS_FAILED, true, "the TLS handshake failed" + where + ": "
                    + handshakeReason(t) + "; nothing was sent. If the node's certificate is signed by a private CA,"
                    + " give the client that CA (FlotillaClient.Builder.trustedCertificates or sslContext)", t);
        }
        if (t instanceof HttpConnectTimeoutException || hasCause(t, ConnectException.class)) {
            return new FlotillaException(FlotillaException.CONNECT_FAILED, true,
                    "could not connect" + where + ": " + t.getMessage() + "; nothing was sent", t);
        }
        if (t instanceof HttpTimeoutException) {
            return new FlotillaException(FlotillaException.REQUEST_TIMEOUT, false,
                    "no answer in time" + where + "; the request may have been applied", t);
        }
        if (t instanceof IOException || hasCause(t, ClosedChannelException.class)) {
            return new FlotillaException(FlotillaException.CONNECTION_LOST, false,
                    "the connection broke" + where + " (" + t.getClass().getSimpleName() + ": " + t.getMessage()
                            + "); the request may have been applied", t);
        }
        return new FlotillaException(FlotillaException.CONNECTION_LOST, false,
                "the request failed" + where + " (" + t.getClass().getSimpleName() + "); it may have been applied", t);
    }

    /** The innermost message of a handshake failure (PKIX's "unable to find valid certification path ..."). */
    private static String handshakeReason(Throwable t) {
        String reason = t.getMessage();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null) {
                reason = c.getMessage();
            }
        }
        return reason;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
