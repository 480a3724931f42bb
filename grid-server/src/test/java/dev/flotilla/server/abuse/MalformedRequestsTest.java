package dev.flotilla.server.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The malformed requests of issue 11 (items 5 and 6), each against a real node: a definite 4xx problem naming what
 * is wrong, and the data the request aimed at unchanged afterwards.
 */
@Timeout(120)
class MalformedRequestsTest {
    private static final String NS = "guarded";
    private static final String DOC = "/maps/guarded/k";
    private static final String DOC_VALUE = "{\"v\":1}";
    private static final String DEEP = "[".repeat(300) + "]".repeat(300);
    private static final String HUGE_NUMBER = "1".repeat(1001);

    private static ServerNode node;
    private static Http http;
    private static String stateBefore;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
        assertThat(http.put(DOC, DOC_VALUE).status()).isEqualTo(201);
        assertThat(http.put("/registers/" + NS + "/r", "{\"mode\":\"atomic-key\",\"value\":7}").status()).isEqualTo(200);
        assertThat(http.post("/counters/" + NS, "{\"mode\":\"atomic-key\",\"delta\":5}").status()).isEqualTo(200);
        assertThat(http.post("/sets/" + NS, "{\"mode\":\"atomic-key\",\"element\":3}").status()).isEqualTo(200);
        assertThat(http.post("/accounts", "{\"namespace\":\"" + NS + "\",\"mode\":\"atomic-key\","
                + "\"balances\":{\"alice\":100,\"bob\":0}}").status()).isEqualTo(200);
        stateBefore = state();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @AfterEach
    void nothingWritten() {
        assertThat(state()).as("the guarded data after the request").isEqualTo(stateBefore);
    }

    /** Everything the requests aim at, with versions; and the lab's list, which no request may add to. */
    private static String state() {
        Http.Reply doc = http.get(DOC);
        return String.join("\n", doc.status() + " " + doc.header("ETag").orElse("-") + " " + doc.body(),
                http.get("/registers/" + NS + "/r?mode=atomic-key").body(),
                http.get("/counters/" + NS + "?mode=atomic-key").body(),
                http.get("/sets/" + NS + "?mode=atomic-key").body(),
                http.get("/accounts/" + NS + "?mode=atomic-key&names=alice,bob").body(),
                http.get("/lab/experiments").body());
    }

    /** A write endpoint and a body for it with {@code value} where a document or number goes. */
    private record Endpoint(String name, String method, String path, Function<String, String> body) {
        @Override
        public String toString() {
            return name;
        }

        HttpRequest.Builder request(String value, String contentType) {
            return http.request(path).header("Content-Type", contentType)
                    .method(method, BodyPublishers.ofString(body.apply(value)));
        }
    }

    static List<Endpoint> endpoints() {
        return List.of(
                new Endpoint("PUT map key", "PUT", DOC, v -> v),
                new Endpoint("batch", "POST", "/maps/guarded/batch", v -> "{\"put\":{\"k\":" + v + "}}"),
                new Endpoint("tx", "POST", "/tx", v -> "{\"mode\":\"tx-two-phase\",\"operations\":[{\"op\":\"put\","
                        + "\"map\":\"guarded\",\"key\":\"k\",\"value\":" + v + "}]}"),
                new Endpoint("register write", "PUT", "/registers/" + NS + "/r", v -> "{\"mode\":\"atomic-key\",\"value\":" + v + "}"),
                new Endpoint("register cas", "POST", "/registers/" + NS + "/r/cas",
                        v -> "{\"mode\":\"atomic-key\",\"expected\":7,\"value\":" + v + "}"),
                new Endpoint("counter", "POST", "/counters/" + NS, v -> "{\"mode\":\"atomic-key\",\"delta\":" + v + "}"),
                new Endpoint("set", "POST", "/sets/" + NS, v -> "{\"mode\":\"atomic-key\",\"element\":" + v + "}"),
                new Endpoint("accounts", "POST", "/accounts", v -> "{\"namespace\":\"" + NS + "\",\"mode\":\"atomic-key\","
                        + "\"balances\":{\"alice\":" + v + "}}"),
                new Endpoint("transfer", "POST", "/transfers", v -> "{\"namespace\":\"" + NS + "\",\"mode\":\"atomic-key\","
                        + "\"from\":\"alice\",\"to\":\"bob\",\"amount\":" + v + "}"),
                new Endpoint("lab experiment", "POST", "/lab/experiments", v -> "{\"name\":\"x\",\"workload\":" + v + "}"));
    }

    private static String code(Endpoint endpoint, String dataCode) {
        return endpoint.path().startsWith("/lab") ? "invalid-spec" : dataCode;
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void write_unknownCharset_415Definite(Endpoint endpoint) {
        Http.Reply reply = http.send(endpoint.request("2", "application/json; charset=ebcdic"));

        JsonNode problem = reply.assertProblem(415, "unsupported-media-type", true);
        assertThat(problem.path("detail").asText()).contains("ebcdic").contains("UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-16", "ISO-8859-1", "us-ascii", "\"windows-1252\"", "\"UTF-8\"", "", "no such charset"})
    void put_charsetOtherThanUtf8_415Definite(String charset) {
        Http.Reply reply = http.send(http.request(DOC).header("Content-Type", "application/json;charset=" + charset)
                .PUT(BodyPublishers.ofString("{\"v\":2}")));

        reply.assertProblem(415, "unsupported-media-type", true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json; charset=utf-8", "application/json; charset=UTF-8",
            "application/json;charset=utf8", "application/json"})
    void put_utf8Charset_accepted(String contentType) {
        Http.Reply reply = http.send(http.request("/maps/other/k").header("Content-Type", contentType)
                .PUT(BodyPublishers.ofString("{\"v\":\"\u00e9\"}")));

        assertThat(reply.status()).as(reply.body()).isIn(200, 201);
        assertThat(http.get("/maps/other/k").body()).isEqualTo("{\"v\":\"\u00e9\"}");
    }

    static Stream<Arguments> pastJsonLimits() {
        return endpoints().stream().flatMap(e -> Stream.of(
                Arguments.of(e, "300 levels deep", DEEP, "nesting deeper than 256 levels"),
                Arguments.of(e, "a 1001-digit number", HUGE_NUMBER, "a number longer than 1000 characters")));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pastJsonLimits")
    void write_bodyPastJsonLimit_400NamingTheLimit(Endpoint endpoint, String flaw, String value, String limit) {
        Http.Reply reply = http.send(endpoint.request(value, "application/json"));

        JsonNode problem = reply.assertProblem(400, code(endpoint, "malformed-json"), true);
        assertThat(problem.path("detail").asText()).as(flaw).contains(limit);
    }

    @Test
    void put_nestedExactly256_accepted() {
        Http.Reply reply = http.put("/maps/other/deep", "[".repeat(256) + "]".repeat(256));

        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    }

    static Stream<String> repeatedHeaders() {
        return Stream.of("Idempotency-Key", "If-Match", "If-None-Match", "Content-Type");
    }

    @ParameterizedTest
    @MethodSource("repeatedHeaders")
    void put_headerOnTwoLines_400Definite(String header) {
        String first = header.equals("Idempotency-Key") ? "key-1" : header.equals("Content-Type") ? "application/json" : "\"1\"";
        String second = header.equals("Idempotency-Key") ? "key-2" : header.equals("Content-Type") ? "application/json" : "\"2\"";
        HttpRequest.Builder request = http.request(DOC).PUT(BodyPublishers.ofString("{\"v\":2}"))
                .header(header, first).header(header, second);
        if (!header.equals("Content-Type")) {
            request.header("Content-Type", "application/json");
        }

        String code = switch (header) {
            case "Idempotency-Key" -> "invalid-parameter";
            case "Content-Type" -> "bad-request";
            default -> "invalid-if-match";
        };
        JsonNode problem = http.send(request).assertProblem(400, code, true);
        assertThat(problem.path("detail").asText()).contains(header).contains("2 header lines");
    }

    @Test
    void delete_ifMatchOnTwoLines_400Definite() {
        Http.Reply reply = http.send(http.request(DOC).DELETE().header("If-Match", "\"1\"").header("If-Match", "\"1\""));

        reply.assertProblem(400, "invalid-if-match", true);
    }

    @Test
    void tx_idempotencyKeyOnTwoLines_400Definite() {
        Http.Reply reply = http.send(http.request("/tx").header("Content-Type", "application/json")
                .header("Idempotency-Key", "a").header("Idempotency-Key", "b")
                .POST(BodyPublishers.ofString("{\"mode\":\"tx-two-phase\",\"operations\":[{\"op\":\"put\","
                        + "\"map\":\"guarded\",\"key\":\"k\",\"value\":2}]}")));

        reply.assertProblem(400, "invalid-parameter", true);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void write_invalidUtf8Bytes_400NamingTheByte(Endpoint endpoint) {
        byte[] valid = endpoint.body().apply("2").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[valid.length + 1];
        body[0] = valid[0];
        body[1] = (byte) 0xff; // never valid in UTF-8; Latin-1's y with diaeresis
        System.arraycopy(valid, 1, body, 2, valid.length - 1);
        Http.Reply reply = http.send(http.request(endpoint.path()).header("Content-Type", "application/json")
                .method(endpoint.method(), BodyPublishers.ofByteArray(body)));

        JsonNode problem = reply.assertProblem(400, "malformed-json", true);
        assertThat(problem.path("detail").asText()).isEqualTo("the request body is not valid UTF-8 (at byte 1)");
    }
}
