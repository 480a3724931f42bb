package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.IndeterminateResultException;
import dev.flotilla.client.RetryPolicy;
import dev.flotilla.client.protocol.TransactionOperation;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.client.protocol.TransferRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Transactions and transfers wait on the node for locks: their attempts get the longer locking timeout. */
@Timeout(30)
class LockingRequestTimeoutTest {
    /** Never opened: each answer is held for {@link #NODE_WAIT_MILLIS}, like a node waiting for a lock. */
    private final CountDownLatch never = new CountDownLatch(1);
    private static final long NODE_WAIT_MILLIS = 800;

    private FakeNode slowNode() throws Exception {
        return new FakeNode((n, method, path, body) -> {
            try {
                never.await(NODE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return switch (path) {
                case "/tx" -> FakeNode.Answer.json(200, "{\"mode\":\"tx-two-phase\",\"results\":[]}");
                case "/transfers" -> FakeNode.Answer.json(200,
                        "{\"namespace\":\"accounts\",\"from\":\"a\",\"to\":\"b\",\"amount\":1,\"mode\":\"locked\"}");
                default -> FakeNode.Answer.json(200, "{}", "ETag", "\"1\"");
            };
        });
    }

    private static FlotillaClient client(FakeNode node) {
        return FlotillaClient.builder().endpoints(node.uri()).healthCheck(HealthCheck.disabled())
                .retryPolicy(RetryPolicy.none()).requestTimeout(Duration.ofMillis(200))
                .lockingRequestTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void transaction_nodeSlowerThanRequestTimeout_answeredWithinLockingTimeout() throws Exception {
        try (FakeNode node = slowNode(); FlotillaClient client = client(node)) {
            var result = client.transaction(TransactionRequest.of(TransactionRequest.TX_TWO_PHASE,
                    TransactionOperation.get("m", "k")));

            assertThat(result.mode()).isEqualTo("tx-two-phase");
        }
    }

    @Test
    void transferAsync_nodeSlowerThanRequestTimeout_answeredWithinLockingTimeout() throws Exception {
        try (FakeNode node = slowNode(); FlotillaClient client = client(node)) {
            var result = client.transferAsync(TransferRequest.of("a", "b", 1, "locked")).get(10, TimeUnit.SECONDS);

            assertThat(result.amount()).isEqualTo(1);
        }
    }

    @Test
    void put_nodeSlowerThanRequestTimeout_stillTimesOut() throws Exception {
        try (FakeNode node = slowNode(); FlotillaClient client = client(node)) {
            assertThatThrownBy(() -> client.map("m").put("k", Map.of("v", 1))).isInstanceOf(IndeterminateResultException.class);
        }
    }

    @Test
    void lockingTimeout_shorterThanRequestTimeout_requestTimeoutUsed() {
        ClientSettings settings = new ClientSettings(java.util.List.of(java.net.URI.create("http://127.0.0.1:1")),
                Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(5), RetryPolicy.defaults(),
                dev.flotilla.client.LoadBalancing.ROUND_ROBIN, HealthCheck.disabled(), null, null,
                new com.fasterxml.jackson.databind.ObjectMapper(), true);

        assertThat(settings.lockingAttemptTimeout()).isEqualTo(Duration.ofSeconds(20));
    }
}
