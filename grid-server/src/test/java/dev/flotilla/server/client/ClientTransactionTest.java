package dev.flotilla.server.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.RemoteMap;
import dev.flotilla.client.VersionConflictException;
import dev.flotilla.client.protocol.OperationResult;
import dev.flotilla.client.protocol.TransactionOperation;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.client.protocol.TransactionResult;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** {@link FlotillaClient#transaction} against a real node. */
@Timeout(120)
class ClientTransactionTest {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static ServerNode node;
    private static FlotillaClient client;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        client = FlotillaClient.builder().endpoints(List.of(node.uri())).healthCheck(HealthCheck.disabled()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    private static JsonNode balance(long amount) {
        return NODES.objectNode().put("balance", amount);
    }

    @Test
    void transaction_readThenConditionalTransfer_appliedAtomicallyAndStaleRetryConflicts() {
        RemoteMap accounts = client.map("client-tx-" + UUID.randomUUID().toString().substring(0, 8));
        accounts.put("alice", Map.of("balance", 100));
        accounts.put("bob", Map.of("balance", 0));

        TransactionResult read = client.transaction(TransactionRequest.of(TransactionRequest.TX_TWO_PHASE,
                TransactionOperation.get(accounts.name(), "alice"), TransactionOperation.get(accounts.name(), "bob")));
        OperationResult alice = read.results().get(0);
        OperationResult bob = read.results().get(1);
        TransactionRequest transfer = TransactionRequest.of(TransactionRequest.TX_TWO_PHASE,
                TransactionOperation.put(accounts.name(), "alice", balance(alice.value().get("balance").asLong() - 30), alice.version()),
                TransactionOperation.put(accounts.name(), "bob", balance(bob.value().get("balance").asLong() + 30), bob.version()));
        TransactionResult done = client.transactionAsync(transfer).join();

        assertThat(read.mode()).isEqualTo("tx-two-phase");
        assertThat(done.results()).extracting(OperationResult::op, OperationResult::key, OperationResult::version)
                .containsExactly(tuple("put", "alice", 2L), tuple("put", "bob", 2L));
        assertThat(accounts.get("alice").orElseThrow().value().get("balance").asLong()).isEqualTo(70);
        assertThat(accounts.get("bob").orElseThrow().value().get("balance").asLong()).isEqualTo(30);

        VersionConflictException stale = catchThrowableOfType(() -> client.transaction(transfer), VersionConflictException.class);

        assertThat(stale.definite()).isTrue();
        assertThat(stale.currentVersion()).isEqualTo(2);
        assertThat(stale.getMessage()).contains("key 'alice'");
        assertThat(accounts.get("alice").orElseThrow().version()).as("nothing written").isEqualTo(2);
    }
}
