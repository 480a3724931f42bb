package dev.flotilla.server.security;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Java client against a node with security on: its token opens what the role allows, and no more. */
@Timeout(120)
class SecurityClientTest {

    @Test
    void client_withAndWithoutToken_writesOrGetsDefiniteAuthProblems() {
        try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(), SecurityApiTest.secured());
             FlotillaClient writer = FlotillaClient.builder().endpoints(node.uri().toString())
                     .bearerToken(SecurityApiTest.WRITER).build();
             FlotillaClient reader = FlotillaClient.builder().endpoints(node.uri().toString())
                     .bearerToken(SecurityApiTest.READER).build();
             FlotillaClient anonymous = FlotillaClient.builder().endpoints(node.uri().toString()).build()) {
            assertThat(writer.map("client-sec").put("k", Map.of("a", 1))).isPositive();
            assertThat(reader.map("client-sec").get("k")).isPresent();

            FlotillaException forbidden = catchThrowableOfType(FlotillaException.class,
                    () -> reader.map("client-sec").put("k", Map.of("a", 2)));
            assertThat(forbidden.errorCode()).contains(ErrorCode.FORBIDDEN);
            assertThat(forbidden.definite()).isTrue();
            assertThat(forbidden.status()).isEqualTo(403);

            FlotillaException unauthorized = catchThrowableOfType(FlotillaException.class,
                    () -> anonymous.map("client-sec").get("k"));
            assertThat(unauthorized.errorCode()).contains(ErrorCode.UNAUTHORIZED);
            assertThat(unauthorized.definite()).isTrue();
            assertThat(unauthorized.getMessage()).doesNotContain(SecurityApiTest.READER);
        }
    }
}
