package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Transport failures: definite only when nothing can have been sent. */
class HttpTransportTest {

    @Test
    void classify_connectionRefused_definiteConnectFailed() {
        FlotillaException e = HttpTransport.classify(new CompletionException(new ConnectException("Connection refused")), null);

        assertThat(e.code()).isEqualTo(FlotillaException.CONNECT_FAILED);
        assertThat(e.definite()).isTrue();
    }

    @Test
    void classify_refusedWrappedInIOException_definite() {
        FlotillaException e = HttpTransport.classify(new IOException("x", new ConnectException("refused")), null);

        assertThat(e.definite()).isTrue();
    }

    @Test
    void classify_connectTimeout_definite() {
        assertThat(HttpTransport.classify(new HttpConnectTimeoutException("slow"), null).definite()).isTrue();
    }

    @Test
    void classify_requestTimeout_notDefinite() {
        FlotillaException e = HttpTransport.classify(new HttpTimeoutException("request timed out"), null);

        assertThat(e.code()).isEqualTo(FlotillaException.REQUEST_TIMEOUT);
        assertThat(e.definite()).isFalse();
    }

    @Test
    void classify_connectionReset_notDefinite() {
        FlotillaException e = HttpTransport.classify(new IOException("Connection reset"), null);

        assertThat(e.code()).isEqualTo(FlotillaException.CONNECTION_LOST);
        assertThat(e.definite()).isFalse();
    }
}
