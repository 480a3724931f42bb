package dev.flotilla.server.tx;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.FlotillaException;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.protocol.AccountsRequest;
import dev.flotilla.client.protocol.TransferRequest;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@Timeout(120)
class TransferApiTest {
    private static ServerNode node;
    private static Http http;
    private static FlotillaClient client;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
        client = FlotillaClient.builder().endpoints(List.of(node.uri())).healthCheck(HealthCheck.disabled()).build();
    }

    @AfterAll
    static void stop() {
        client.close();
        node.close();
    }

    private static String namespace() {
        return "ns-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void transfer_enoughBalance_movesMoney() {
        String ns = namespace();
        http.post("/accounts", "{\"namespace\":\"" + ns + "\",\"mode\":\"tx-two-phase\",\"balances\":{\"alice\":100,\"bob\":0}}");

        Http.Reply reply = http.post("/transfers", "{\"namespace\":\"" + ns + "\",\"from\":\"alice\",\"to\":\"bob\",\"amount\":30,\"mode\":\"tx-two-phase\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("mode").asText()).isEqualTo("tx-two-phase");
        assertThat(http.get("/accounts/" + ns + "?mode=tx-two-phase&names=alice,bob").json().get("balances").toString())
                .isEqualTo("{\"alice\":70,\"bob\":30}");
    }

    @Test
    void transfer_moreThanBalance_insufficientBalanceAndNothingMoved() {
        String ns = namespace();
        client.openAccounts(new AccountsRequest(ns, "locked", Map.of("a", 5L, "b", 0L)));

        FlotillaException e = catchThrowableOfType(() -> client.transfer(new TransferRequest(ns, "a", "b", 6, "locked")),
                FlotillaException.class);

        assertThat(e.code()).isEqualTo("insufficient-balance");
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.definite()).isTrue();
        assertThat(client.balances(ns, "locked", List.of("a", "b")).balances()).isEqualTo(Map.of("a", 5L, "b", 0L));
    }

    @Test
    void transfer_defaultNamespace_works() {
        client.openAccounts(new AccountsRequest(null, "atomic-key", Map.of("x1", 10L, "y1", 0L)));

        var result = client.transfer(TransferRequest.of("x1", "y1", 4, "atomic-key"));

        assertThat(result.namespace()).isEqualTo(TransferRequest.DEFAULT_NAMESPACE);
        assertThat(client.balances(TransferRequest.DEFAULT_NAMESPACE, "atomic-key", List.of("x1", "y1")).balances())
                .containsEntry("y1", 4L);
    }

    @Test
    void transfer_cpWithoutCpMembers_refusedDefinitely() {
        http.post("/transfers", "{\"from\":\"a\",\"to\":\"b\",\"amount\":1,\"mode\":\"cp\"}")
                .assertProblem(400, "invalid-argument", true);
    }

    @Test
    void transfer_unknownMode_invalidArgumentNamingValidModes() {
        var problem = http.post("/transfers", "{\"from\":\"a\",\"to\":\"b\",\"amount\":1,\"mode\":\"fast\"}")
                .assertProblem(400, "invalid-argument", true);

        assertThat(problem.get("detail").asText()).contains("tx-two-phase");
    }

    @Test
    void transfer_unknownAccount_invalidArgument() {
        String ns = namespace();
        client.openAccounts(new AccountsRequest(ns, "unsafe", Map.of("a", 5L)));

        http.post("/transfers", "{\"namespace\":\"" + ns + "\",\"from\":\"a\",\"to\":\"ghost\",\"amount\":1,\"mode\":\"unsafe\"}")
                .assertProblem(400, "invalid-argument", true);
    }

    @Test
    void transfer_badBodies_definite400() {
        http.post("/transfers", "{\"from\":\"a\",\"to\":\"b\",\"amount\":1,\"mode\":\"unsafe\",\"extra\":1}")
                .assertProblem(400, "invalid-request", true);
        http.post("/transfers", "{\"from\":").assertProblem(400, "malformed-json", true);
        http.post("/transfers", "{\"from\":\"a\",\"to\":\"b\",\"mode\":\"unsafe\"}").assertProblem(400, "invalid-request", true);
        http.post("/transfers", "{\"from\":\"a\",\"to\":\"b\",\"amount\":\"x\",\"mode\":\"unsafe\"}")
                .assertProblem(400, "invalid-request", true);
        http.post("/transfers", "").assertProblem(400, "invalid-request", true);
        http.post("/transfers", "{\"from\":\"a\",\"to\":\"b\",\"amount\":1}").assertProblem(400, "invalid-request", true);
    }

    @Test
    void transfer_sameIdempotencyKeyTwice_movedOnce() {
        String ns = namespace();
        client.openAccounts(new AccountsRequest(ns, "tx-one-phase", Map.of("a", 100L, "b", 0L)));
        String body = "{\"namespace\":\"" + ns + "\",\"from\":\"a\",\"to\":\"b\",\"amount\":10,\"mode\":\"tx-one-phase\"}";
        String key = UUID.randomUUID().toString();

        assertThat(http.post("/transfers", body, "Idempotency-Key", key).status()).isEqualTo(200);
        Http.Reply again = http.post("/transfers", body, "Idempotency-Key", key);

        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(client.balances(ns, "tx-one-phase", List.of("a")).balances()).containsEntry("a", 90L);
    }

    @Test
    void transfer_concurrentRandomUnderTxTwoPhase_totalConserved() {
        String ns = namespace();
        List<String> accounts = List.of("a", "b", "c", "d");
        client.openAccounts(new AccountsRequest(ns, "tx-two-phase", Map.of("a", 250L, "b", 250L, "c", 250L, "d", 250L)));
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int from = ThreadLocalRandom.current().nextInt(4);
            int to = (from + 1 + ThreadLocalRandom.current().nextInt(3)) % 4;
            runs.add(client.transferAsync(new TransferRequest(ns, accounts.get(from), accounts.get(to), 7, "tx-two-phase"))
                    .handle((r, failure) -> {
                        if (failure != null && !(failure.getCause() instanceof FlotillaException f && f.code().equals("insufficient-balance"))) {
                            throw new AssertionError("unexpected failure", failure);
                        }
                        return null;
                    }));
        }
        runs.forEach(CompletableFuture::join);

        assertThat(client.balances(ns, "tx-two-phase", accounts).balances().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(1000);
    }

    @Test
    void accounts_emptyBalances_invalidRequest() {
        http.post("/accounts", "{\"mode\":\"unsafe\",\"balances\":{}}").assertProblem(400, "invalid-request", true);
    }

    @Test
    void balances_noNames_invalidParameter() {
        http.get("/accounts/x?mode=unsafe").assertProblem(400, "invalid-parameter", true);
    }
}
