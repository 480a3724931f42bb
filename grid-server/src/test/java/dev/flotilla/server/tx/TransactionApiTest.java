package dev.flotilla.server.tx;

import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /tx} on a real node. */
@Timeout(120)
class TransactionApiTest {
    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String mapName() {
        return "tx-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String op(String op, String map, String key, String value, Long ifVersion) {
        return "{\"op\":\"" + op + "\",\"map\":\"" + map + "\",\"key\":\"" + key + "\""
                + (value == null ? "" : ",\"value\":" + value)
                + (ifVersion == null ? "" : ",\"ifVersion\":" + ifVersion) + "}";
    }

    private static String tx(String mode, String... operations) {
        return "{\"mode\":\"" + mode + "\",\"operations\":[" + String.join(",", operations) + "]}";
    }

    @Test
    void tx_getsPutsDeletesAcrossTwoMaps_appliedAtomicallyAndAnswered() {
        String orders = mapName();
        String stock = mapName();
        http.put("/maps/" + stock + "/widget", "{\"count\":5}");
        http.put("/maps/" + stock + "/old", "1");

        Http.Reply reply = http.post("/tx", tx("tx-two-phase",
                op("get", stock, "widget", null, null),
                op("put", orders, "o-1", "{\"item\": \"widget\", \"n\": [1, 2.50]}", 0L),
                op("put", stock, "widget", "{\"count\":4}", 1L),
                op("delete", stock, "old", null, 1L),
                op("get", orders, "absent", null, null)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body()).isEqualTo("{\"mode\":\"tx-two-phase\",\"results\":["
                + "{\"op\":\"get\",\"map\":\"" + stock + "\",\"key\":\"widget\",\"version\":1,\"value\":{\"count\":5}},"
                + "{\"op\":\"put\",\"map\":\"" + orders + "\",\"key\":\"o-1\",\"version\":1},"
                + "{\"op\":\"put\",\"map\":\"" + stock + "\",\"key\":\"widget\",\"version\":2},"
                + "{\"op\":\"delete\",\"map\":\"" + stock + "\",\"key\":\"old\",\"version\":1},"
                + "{\"op\":\"get\",\"map\":\"" + orders + "\",\"key\":\"absent\",\"version\":0}]}");
        Http.Reply order = http.get("/maps/" + orders + "/o-1");
        assertThat(order.body()).as("the document is stored as sent").isEqualTo("{\"item\": \"widget\", \"n\": [1, 2.50]}");
        assertThat(order.header("ETag")).contains("\"1\"");
        assertThat(http.get("/maps/" + stock + "/widget").header("ETag")).contains("\"2\"");
        assertThat(http.get("/maps/" + stock + "/old").status()).isEqualTo(404);
    }

    @Test
    void tx_appendToAbsentThenToArray_200WithNewVersionsAndTheListRead() {
        String m = mapName();
        assertThat(http.post("/tx", tx("tx-one-phase", op("append", m, "k", "1", null))).status()).isEqualTo(200);

        Http.Reply reply = http.post("/tx", tx("tx-two-phase", op("append", m, "k", "{\"b\":2}", 1L), op("get", m, "k", null, null)));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"mode\":\"tx-two-phase\",\"results\":["
                + "{\"op\":\"append\",\"map\":\"" + m + "\",\"key\":\"k\",\"version\":2},"
                + "{\"op\":\"get\",\"map\":\"" + m + "\",\"key\":\"k\",\"version\":2,\"value\":[1,{\"b\":2}]}]}");
    }

    @Test
    void tx_appendToANonArray_400InvalidArgumentDefiniteAndNothingWritten() {
        String m = mapName();
        http.put("/maps/" + m + "/doc", "{\"a\":1}");

        var problem = http.post("/tx", tx("tx-two-phase", op("put", m, "other", "1", null), op("append", m, "doc", "5", null)))
                .assertProblem(400, "invalid-argument", true);

        assertThat(problem.get("detail").asText()).contains(m, "'doc'", "not a JSON array");
        assertThat(http.get("/maps/" + m + "/doc").body()).isEqualTo("{\"a\":1}");
        assertThat(http.get("/maps/" + m + "/other").status()).isEqualTo(404);
        http.post("/tx", tx("tx-two-phase", op("append", m, "k", null, null))).assertProblem(400, "invalid-request", true);
    }

    @Test
    void tx_versionMismatchOnLastOperation_412NamingMapAndKeyAndNothingWritten() {
        String a = mapName();
        String b = mapName();
        http.put("/maps/" + a + "/x", "{\"v\":1}");
        http.put("/maps/" + b + "/y", "{\"v\":1}");
        http.put("/maps/" + b + "/y", "{\"v\":2}");

        var problem = http.post("/tx", tx("tx-one-phase",
                        op("put", a, "x", "{\"v\":10}", 1L),
                        op("put", a, "fresh", "{}", null),
                        op("put", b, "y", "{\"v\":10}", 1L)))
                .assertProblem(412, "version-mismatch", true);

        assertThat(problem.get("detail").asText()).contains("map '" + b + "'", "key 'y'");
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(2);
        assertThat(http.get("/maps/" + a + "/x").body()).isEqualTo("{\"v\":1}");
        assertThat(http.get("/maps/" + a + "/fresh").status()).isEqualTo(404);
        assertThat(http.get("/maps/" + b + "/y").header("ETag")).contains("\"2\"");
    }

    @Test
    void tx_malformedJson_400MalformedJsonAndNothingWritten() {
        String m = mapName();
        http.post("/tx", "{\"mode\":\"tx-two-phase\",\"operations\":[" + op("put", m, "k", "{}", null) + ",")
                .assertProblem(400, "malformed-json", true);
        assertNothingWritten(m);
    }

    @Test
    void tx_badShapes_400InvalidRequestAndNothingWritten() {
        String m = mapName();
        String valid = op("put", m, "k", "{}", null);
        String[] bodies = {
                "",
                "[]",
                "{\"operations\":[" + valid + "]}",
                "{\"mode\":\"tx-two-phase\"}",
                "{\"mode\":\"tx-two-phase\",\"operations\":[]}",
                "{\"mode\":\"tx-two-phase\",\"operations\":[" + valid + "],\"extra\":1}",
                tx("tx-two-phase", valid, op("merge", m, "k2", "{}", null)),
                tx("tx-two-phase", valid, "{\"op\":\"put\",\"map\":\"" + m + "\",\"value\":{}}"),
                tx("tx-two-phase", valid, op("put", m, "k2", null, null)),
                tx("tx-two-phase", valid, "{\"op\":\"get\",\"map\":\"" + m + "\",\"key\":\"k2\",\"ifVersion\":\"3\"}"),
                tx("tx-two-phase", valid, "{\"op\":\"get\",\"map\":\"" + m + "\",\"key\":\"k2\",\"ttl\":3}"),
                tx("tx-two-phase", (valid + ",").repeat(100) + valid),
        };
        for (String body : bodies) {
            http.post("/tx", body).assertProblem(400, "invalid-request", true);
        }
        assertNothingWritten(m);
    }

    @Test
    void tx_badNamesValuesAndVersions_400WithTheGridCodeAndNothingWritten() {
        String m = mapName();
        String valid = op("put", m, "k", "{}", null);

        http.post("/tx", tx("tx-two-phase", valid, op("put", "_internal", "k", "{}", null)))
                .assertProblem(400, "invalid-map-name", true);
        http.post("/tx", tx("tx-two-phase", valid, op("put", m, "a/b", "{}", null)))
                .assertProblem(400, "invalid-key", true);
        http.post("/tx", tx("tx-two-phase", valid, op("put", m, "k", "{}", null)))
                .assertProblem(400, "invalid-argument", true);
        http.post("/tx", tx("tx-two-phase", valid, op("delete", m, "k2", null, 0L)))
                .assertProblem(400, "invalid-argument", true);
        assertNothingWritten(m);
    }

    @Test
    void tx_unsupportedOrUnknownMode_400InvalidArgumentNamingModesAndNothingWritten() {
        String m = mapName();
        String valid = op("put", m, "k", "{}", null);

        var locked = http.post("/tx", tx("locked", valid)).assertProblem(400, "invalid-argument", true);
        var unknown = http.post("/tx", tx("fast", valid)).assertProblem(400, "invalid-argument", true);

        assertThat(locked.get("detail").asText()).contains("tx-one-phase", "tx-two-phase");
        assertThat(unknown.get("detail").asText()).contains("tx-two-phase");
        assertNothingWritten(m);
    }

    @Test
    void tx_sameIdempotencyKeyTwice_appliedOnceAndReplayed() {
        String m = mapName();
        String body = tx("tx-one-phase", op("put", m, "k", "{\"n\":1}", null));
        String key = UUID.randomUUID().toString();

        Http.Reply first = http.post("/tx", body, "Idempotency-Key", key);
        Http.Reply again = http.post("/tx", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(http.get("/maps/" + m + "/k").header("ETag")).as("applied once").contains("\"1\"");
    }

    @Test
    void tx_definiteFailureWithIdempotencyKey_keyReleasedForTheRetry() {
        String m = mapName();
        http.put("/maps/" + m + "/k", "1");
        String body = tx("tx-one-phase", op("put", m, "k", "2", 0L));
        String key = UUID.randomUUID().toString();

        http.post("/tx", body, "Idempotency-Key", key).assertProblem(412, "version-mismatch", true);
        http.delete("/maps/" + m + "/k");
        Http.Reply retry = http.post("/tx", body, "Idempotency-Key", key);

        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isEmpty();
    }

    private static void assertNothingWritten(String map) {
        assertThat(http.get("/maps/" + map + "/k").status()).isEqualTo(404);
    }
}
