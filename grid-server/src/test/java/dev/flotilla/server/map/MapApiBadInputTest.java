package dev.flotilla.server.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input of every map endpoint, and every precondition that cannot hold: a definite 4xx problem with a clear
 * detail, and nothing written.
 */
@Timeout(120)
class MapApiBadInputTest {
    private static final String MAP = "orders";
    private static final String SEED = "/maps/" + MAP + "/seed";
    private static final String SEED_VALUE = "{\"v\":1}";
    private static final String LONG_MAP = "m".repeat(65);
    private static final String LONG_KEY = "k".repeat(257);
    private static final String OVERSIZED = "{\"big\":\"" + "x".repeat(1_200_000) + "\"}";
    private static final String TOO_MANY_KEYS = "{\"get\":[" + IntStream.range(0, 1001).mapToObj(i -> "\"k" + i + "\"")
            .collect(Collectors.joining(",")) + "]}";

    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.startAlone();
        http = new Http(node.uri());
        assertThat(http.put(SEED, SEED_VALUE).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private Set<String> mapsBefore;

    @BeforeEach
    void rememberMaps() {
        mapsBefore = mapNames();
    }

    private record Case(String name, Function<Http, Http.Reply> request, int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case bad(String name, int status, String code, Function<Http, Http.Reply> request) {
        return new Case(name, request, status, code);
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                // GET /maps/{map}/{key}
                bad("GET 65-char map name", 400, "invalid-map-name", h -> h.get("/maps/" + LONG_MAP + "/seed")),
                bad("GET map name with '!'", 400, "invalid-map-name", h -> h.get("/maps/bad!name/seed")),
                bad("GET reserved map name", 400, "invalid-map-name", h -> h.get("/maps/_internal/seed")),
                bad("GET 257-char key", 400, "invalid-key", h -> h.get("/maps/" + MAP + "/" + LONG_KEY)),
                bad("GET control character in key", 400, "invalid-key", h -> h.get("/maps/" + MAP + "/a%01b")),
                bad("GET unknown parameter", 400, "unknown-parameter", h -> h.get(SEED + "?foo=1")),
                bad("GET malformed If-None-Match", 400, "invalid-if-match", h -> h.get(SEED, "If-None-Match", "abc")),
                bad("GET If-None-Match * in a list", 400, "invalid-if-match", h -> h.get(SEED, "If-None-Match", "*, \"1\"")),
                // PUT /maps/{map}/{key}
                bad("PUT malformed JSON", 400, "malformed-json", h -> h.put(SEED, "{\"a\":")),
                bad("PUT two documents", 400, "malformed-json", h -> h.put(SEED, "{} {}")),
                bad("PUT bare word", 400, "malformed-json", h -> h.put(SEED, "hello")),
                bad("PUT empty body", 400, "malformed-json", h -> h.put(SEED, "")),
                bad("PUT text/plain", 415, "unsupported-media-type", h -> h.send(h.request(SEED)
                        .header("Content-Type", "text/plain").PUT(BodyPublishers.ofString("{}")))),
                bad("PUT oversized body", 413, "body-too-large", h -> h.put(SEED, OVERSIZED)),
                bad("PUT 65-char map name", 400, "invalid-map-name", h -> h.put("/maps/" + LONG_MAP + "/k", "{}")),
                bad("PUT 257-char key", 400, "invalid-key", h -> h.put("/maps/" + MAP + "/" + LONG_KEY, "{}")),
                bad("PUT control character in key", 400, "invalid-key", h -> h.put("/maps/" + MAP + "/a%01b", "{}")),
                bad("PUT If-Match abc", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-Match", "abc")),
                bad("PUT If-Match unquoted 1", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-Match", "1")),
                bad("PUT If-Match unterminated tag", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-Match", "\"1")),
                bad("PUT If-Match lower-case weak", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-Match", "w/\"1\"")),
                bad("PUT If-Match list without comma", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-Match", "\"1\" \"2\"")),
                bad("PUT If-Match * in a list", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-Match", "\"1\", *")),
                // well-formed tags that cannot match: the condition is false (RFC 9110), 412 with the version found
                bad("PUT If-Match \"x\"", 412, "version-mismatch", h -> h.put(SEED, "{}", "If-Match", "\"x\"")),
                bad("PUT If-Match weak", 412, "version-mismatch", h -> h.put(SEED, "{}", "If-Match", "W/\"1\"")),
                bad("PUT If-Match \"0\"", 412, "version-mismatch", h -> h.put(SEED, "{}", "If-Match", "\"0\"")),
                bad("PUT If-Match \"01\"", 412, "version-mismatch", h -> h.put(SEED, "{}", "If-Match", "\"01\"")),
                bad("PUT If-Match list", 412, "version-mismatch", h -> h.put(SEED, "{}", "If-Match", "\"2\", \"3\"")),
                bad("PUT If-Match list of weak tags", 412, "version-mismatch", h -> h.put(SEED, "{}", "If-Match", "W/\"1\", \"x\"")),
                bad("PUT If-None-Match version", 400, "invalid-if-match", h -> h.put(SEED, "{}", "If-None-Match", "\"1\"")),
                bad("PUT both preconditions", 400, "invalid-if-match",
                        h -> h.put(SEED, "{}", "If-Match", "\"1\"", "If-None-Match", "*")),
                bad("PUT ttl=0", 400, "invalid-parameter", h -> h.put(SEED + "?ttl=0", "{}")),
                bad("PUT ttl=-5", 400, "invalid-parameter", h -> h.put(SEED + "?ttl=-5", "{}")),
                bad("PUT ttl=abc", 400, "invalid-parameter", h -> h.put(SEED + "?ttl=abc", "{}")),
                bad("PUT ttl=1.5", 400, "invalid-parameter", h -> h.put(SEED + "?ttl=1.5", "{}")),
                bad("PUT ttl twice", 400, "invalid-parameter", h -> h.put(SEED + "?ttl=1&ttl=2", "{}")),
                bad("PUT unknown parameter", 400, "unknown-parameter", h -> h.put(SEED + "?tll=5", "{}")),
                // DELETE /maps/{map}/{key}
                bad("DELETE 65-char map name", 400, "invalid-map-name", h -> h.delete("/maps/" + LONG_MAP + "/seed")),
                bad("DELETE 257-char key", 400, "invalid-key", h -> h.delete("/maps/" + MAP + "/" + LONG_KEY)),
                bad("DELETE control character in key", 400, "invalid-key", h -> h.delete("/maps/" + MAP + "/a%01b")),
                bad("DELETE If-Match abc", 400, "invalid-if-match", h -> h.delete(SEED, "If-Match", "abc")),
                bad("DELETE If-Match unquoted", 400, "invalid-if-match", h -> h.delete(SEED, "If-Match", "1, 2")),
                bad("DELETE If-Match weak", 412, "version-mismatch", h -> h.delete(SEED, "If-Match", "W/\"1\"")),
                bad("DELETE If-Match list", 412, "version-mismatch", h -> h.delete(SEED, "If-Match", "\"2\", \"abc\"")),
                bad("DELETE If-None-Match", 400, "invalid-if-match", h -> h.delete(SEED, "If-None-Match", "*")),
                bad("DELETE unknown parameter", 400, "unknown-parameter", h -> h.delete(SEED + "?force=true")),
                // POST /maps/{map}/batch
                bad("batch malformed JSON", 400, "malformed-json", h -> h.post("/maps/" + MAP + "/batch", "{\"get\":[")),
                bad("batch trailing text", 400, "malformed-json", h -> h.post("/maps/" + MAP + "/batch", "{\"get\":[\"a\"]} x")),
                bad("batch empty body", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", "")),
                bad("batch empty object", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", "{}")),
                bad("batch empty lists", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", "{\"get\":[],\"put\":{}}")),
                bad("batch array body", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", "[\"seed\"]")),
                bad("batch get not a list", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", "{\"get\":\"seed\"}")),
                bad("batch get of numbers", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", "{\"get\":[1]}")),
                bad("batch unknown field", 400, "invalid-request",
                        h -> h.post("/maps/" + MAP + "/batch", "{\"get\":[\"seed\"],\"delete\":[\"seed\"]}")),
                bad("batch 1001 keys", 400, "invalid-request", h -> h.post("/maps/" + MAP + "/batch", TOO_MANY_KEYS)),
                bad("batch control character in key", 400, "invalid-key",
                        h -> h.post("/maps/" + MAP + "/batch", "{\"put\":{\"seed\":{\"v\":2},\"a\\u0001\":{}}}")),
                bad("batch 257-char key", 400, "invalid-key",
                        h -> h.post("/maps/" + MAP + "/batch", "{\"put\":{\"seed\":{\"v\":2}},\"get\":[\"" + LONG_KEY + "\"]}")),
                bad("batch 65-char map name", 400, "invalid-map-name",
                        h -> h.post("/maps/" + LONG_MAP + "/batch", "{\"get\":[\"seed\"]}")),
                bad("batch text/plain", 415, "unsupported-media-type", h -> h.send(h.request("/maps/" + MAP + "/batch")
                        .header("Content-Type", "text/plain").POST(BodyPublishers.ofString("{\"get\":[\"seed\"]}")))),
                bad("batch oversized body", 413, "body-too-large",
                        h -> h.post("/maps/" + MAP + "/batch", "{\"put\":{\"seed\":" + OVERSIZED + "}}")),
                bad("batch ttl=0", 400, "invalid-parameter",
                        h -> h.post("/maps/" + MAP + "/batch?ttl=0", "{\"put\":{\"seed\":{\"v\":2}}}")),
                bad("batch unknown parameter", 400, "unknown-parameter",
                        h -> h.post("/maps/" + MAP + "/batch?atomic=true", "{\"put\":{\"seed\":{\"v\":2}}}")),
                // Routes and methods
                bad("no such route", 404, "route-not-found", h -> h.get("/nothing/here")),
                bad("POST on a key", 405, "method-not-allowed", h -> h.post(SEED, "{}")),
                bad("PATCH on a key", 405, "method-not-allowed", h -> h.send(h.request(SEED)
                        .header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString("{}"))))
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void endpoint_badInput_definiteProblemAndNothingWritten(Case bad) {
        Http.Reply reply = bad.request().apply(http);

        JsonNode problem = reply.assertProblem(bad.status(), bad.code(), true);
        assertThat(problem.get("detail").asText()).doesNotContain("Exception").doesNotContain("\tat ");
        Http.Reply seed = http.get(SEED);
        assertThat(seed.body()).isEqualTo(SEED_VALUE);
        assertThat(seed.header("ETag")).contains("\"1\"");
        assertThat(node.grid().map(MAP).localOwnedEntryCount()).isEqualTo(1);
        assertThat(mapNames()).isEqualTo(mapsBefore);
    }

    private static Set<String> mapNames() {
        return node.grid().mapStatistics().stream().map(MapStatistics::name).collect(Collectors.toSet());
    }
}
