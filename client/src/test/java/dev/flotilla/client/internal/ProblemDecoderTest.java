package dev.flotilla.client.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.VersionConflictException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDecoderTest {
    private final ProblemDecoder decoder = new ProblemDecoder(new ObjectMapper());

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decode_versionMismatch_conflictWithCurrentVersion() {
        FlotillaException e = decoder.decode(412, "application/problem+json", bytes("""
                {"type":"urn:flotilla:problem:version-mismatch","title":"Version mismatch","status":412,
                 "detail":"expected 1, found 2","instance":"/maps/o/k","code":"version-mismatch","definite":true,
                 "currentVersion":2,"futureField":1}"""), "/maps/o/k");

        assertThat(e).isInstanceOf(VersionConflictException.class);
        assertThat(((VersionConflictException) e).currentVersion()).isEqualTo(2);
        assertThat(e.definite()).isTrue();
        assertThat(e.code()).isEqualTo("version-mismatch");
        assertThat(e.getMessage()).contains("expected 1, found 2");
    }

    @Test
    void decode_memberLost_notDefinite() {
        FlotillaException e = decoder.decode(503, "application/problem+json", bytes("""
                {"status":503,"detail":"left","code":"member-lost","definite":false}"""), "/x");

        assertThat(e.definite()).isFalse();
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.problem()).isPresent();
    }

    @Test
    void decode_unknownCode_keptAsSent() {
        FlotillaException e = decoder.decode(409, "application/problem+json", bytes("""
                {"status":409,"detail":"new","code":"from-a-newer-server","definite":true}"""), "/x");

        assertThat(e.code()).isEqualTo("from-a-newer-server");
        assertThat(e.errorCode()).isEmpty();
        assertThat(e.definite()).isTrue();
    }

    @Test
    void decode_proxyErrorPage_5xxNotDefinite() {
        FlotillaException e = decoder.decode(502, "text/html", bytes("<html>bad gateway</html>"), "/x");

        assertThat(e.code()).isEqualTo("internal");
        assertThat(e.definite()).isFalse();
        assertThat(e.getMessage()).contains("bad gateway");
    }

    @Test
    void decode_4xxWithoutBody_definiteBadRequest() {
        FlotillaException e = decoder.decode(400, null, new byte[0], "/x");

        assertThat(e.code()).isEqualTo("bad-request");
        assertThat(e.definite()).isTrue();
    }
}
