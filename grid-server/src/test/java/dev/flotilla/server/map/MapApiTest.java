package dev.flotilla.server.map;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.client.protocol.BatchResponse;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class MapApiTest {
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

    private static String path(String key) {
        return "/maps/orders/" + key;
    }

    private static String newKey() {
        return "k-" + UUID.randomUUID();
    }

    @Test
    void put_newKey_createsVersionOneWithEtagAndLocation() {
        String key = newKey();
        Http.Reply reply = http.put(path(key), "{\"total\":12}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("ETag")).contains("\"1\"");
        assertThat(reply.header("Location")).contains("/maps/orders/" + key);
        assertThat(reply.json().get("version").asLong()).isEqualTo(1);
        assertThat(reply.json().get("map").asText()).isEqualTo("orders");
        assertThat(reply.json().get("key").asText()).isEqualTo(key);
    }

    @Test
    void put_existingKey_replacesWithNextVersion() {
        String key = newKey();
        http.put(path(key), "{\"n\":1}");
        Http.Reply reply = http.put(path(key), "{\"n\":2}");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).contains("\"2\"");
        assertThat(http.get(path(key)).json().get("n").asInt()).isEqualTo(2);
    }

    @Test
    void get_existingKey_returnsDocumentAsStoredWithEtag() {
        String key = newKey();
        String document = "{ \"b\" : [1, 2.50, \"x\"],\n \"a\":null }";
        http.put(path(key), document);
        Http.Reply reply = http.get(path(key));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.body()).isEqualTo(document);
        assertThat(reply.header("ETag")).contains("\"1\"");
    }

    @Test
    void get_scalarDocuments_returnedVerbatim() {
        for (String document : new String[]{"\"just text\"", "42", "true", "null", "[]"}) {
            String key = newKey();
            assertThat(http.put(path(key), document).status()).isEqualTo(201);
            assertThat(http.get(path(key)).body()).isEqualTo(document);
        }
    }

    @Test
    void get_absentKey_returns404Problem() {
        JsonNode problem = http.get(path(newKey())).assertProblem(404, "not-found", true);
        assertThat(problem.get("detail").asText()).contains("is not in map 'orders'");
        assertThat(problem.get("instance").asText()).startsWith("/maps/orders/");
    }

    @Test
    void get_ifNoneMatchCurrentVersion_returns304() {
        String key = newKey();
        http.put(path(key), "{}");
        assertThat(http.get(path(key), "If-None-Match", "\"1\"").status()).isEqualTo(304);
        assertThat(http.get(path(key), "If-None-Match", "\"7\"").status()).isEqualTo(200);
    }

    @Test
    void get_ifNoneMatchComparesWeaklyAndTakesLists_returns304WhenAnyMatches() {
        String key = newKey();
        http.put(path(key), "{}");
        assertThat(http.get(path(key), "If-None-Match", "W/\"1\"").status()).isEqualTo(304);
        assertThat(http.get(path(key), "If-None-Match", "\"abc\", W/\"1\"").status()).isEqualTo(304);
        assertThat(http.get(path(key), "If-None-Match", "*").status()).isEqualTo(304);
        Http.Reply unmatched = http.get(path(key), "If-None-Match", "\"0\", \"x\", \"2\"");
        assertThat(unmatched.status()).isEqualTo(200);
        assertThat(unmatched.header("ETag")).contains("\"1\"");
        http.get(path(newKey()), "If-None-Match", "*").assertProblem(404, "not-found", true);
    }

    @Test
    void put_ifMatchCurrentVersion_writesNextVersion() {
        String key = newKey();
        http.put(path(key), "{\"n\":1}");
        Http.Reply reply = http.put(path(key), "{\"n\":2}", "If-Match", "\"1\"");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).contains("\"2\"");
    }

    @Test
    void put_ifMatchStaleVersion_returns412WithCurrentVersionAndKeepsValue() {
        String key = newKey();
        http.put(path(key), "{\"n\":1}");
        http.put(path(key), "{\"n\":2}");
        JsonNode problem = http.put(path(key), "{\"n\":3}", "If-Match", "\"1\"").assertProblem(412, "version-mismatch", true);
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(2);
        Http.Reply stored = http.get(path(key));
        assertThat(stored.json().get("n").asInt()).isEqualTo(2);
        assertThat(stored.header("ETag")).contains("\"2\"");
    }

    @Test
    void put_ifMatchListNamingCurrentVersion_writesNextVersion() {
        String key = newKey();
        http.put(path(key), "{\"n\":1}");
        http.put(path(key), "{\"n\":2}");
        // the largest listed version is tried first; the mismatch names 2, which is listed too
        Http.Reply reply = http.put(path(key), "{\"n\":3}", "If-Match", "W/\"2\", \"1\",\"2\" , \"5\"");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("ETag")).contains("\"3\"");
        assertThat(http.get(path(key)).json().get("n").asInt()).isEqualTo(3);
    }

    @Test
    void put_ifMatchTagNamingNoVersion_returns412WithCurrentVersion() {
        String key = newKey();
        http.put(path(key), "{\"n\":1}");
        JsonNode problem = http.put(path(key), "{\"n\":2}", "If-Match", "\"abc\"").assertProblem(412, "version-mismatch", true);
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
        assertThat(problem.get("detail").asText()).contains("names no version");
        JsonNode absent = http.put(path(newKey()), "{}", "If-Match", "\"3\", \"4\"").assertProblem(412, "version-mismatch", true);
        assertThat(absent.get("currentVersion").asLong()).isZero();
        assertThat(http.get(path(key)).json().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void put_ifMatchOnAbsentKey_returns412WithVersionZero() {
        String key = newKey();
        JsonNode problem = http.put(path(key), "{}", "If-Match", "\"1\"").assertProblem(412, "version-mismatch", true);
        assertThat(problem.get("currentVersion").asLong()).isZero();
        http.get(path(key)).assertProblem(404, "not-found", true);
    }

    @Test
    void put_ifMatchStar_writesOnlyWhenPresent() {
        String key = newKey();
        http.put(path(key), "{}", "If-Match", "*").assertProblem(412, "precondition-failed", true);
        http.get(path(key)).assertProblem(404, "not-found", true);
        http.put(path(key), "{\"n\":1}");
        assertThat(http.put(path(key), "{\"n\":2}", "If-Match", "*").header("ETag")).contains("\"2\"");
    }

    @Test
    void put_ifNoneMatchStar_createsOnlyWhenAbsent() {
        String key = newKey();
        assertThat(http.put(path(key), "{\"n\":1}", "If-None-Match", "*").status()).isEqualTo(201);
        JsonNode problem = http.put(path(key), "{\"n\":2}", "If-None-Match", "*").assertProblem(412, "precondition-failed", true);
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(1);
        assertThat(http.get(path(key)).json().get("n").asInt()).isEqualTo(1);
    }

    @Test
    void put_withTtl_entryExpires() {
        String key = newKey();
        assertThat(http.put(path(key) + "?ttl=1", "{\"short\":true}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> http.get(path(key)).status() == 404);
    }

    @Test
    void put_jsonWithCharset_accepted() {
        String key = newKey();
        Http.Reply reply = http.send(http.request(path(key)).header("Content-Type", "application/json; charset=utf-8")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoë ✓\"}")));
        assertThat(reply.status()).isEqualTo(201);
        assertThat(http.get(path(key)).json().get("name").asText()).isEqualTo("Zoë ✓");
    }

    @Test
    void delete_existingKey_returns204ThenAbsent() {
        String key = newKey();
        http.put(path(key), "{}");
        assertThat(http.delete(path(key)).status()).isEqualTo(204);
        http.get(path(key)).assertProblem(404, "not-found", true);
        http.delete(path(key)).assertProblem(404, "not-found", true);
    }

    @Test
    void delete_ifMatch_deletesOnlyMatchingVersion() {
        String key = newKey();
        http.put(path(key), "{}");
        http.put(path(key), "{}");
        JsonNode problem = http.delete(path(key), "If-Match", "\"1\"").assertProblem(412, "version-mismatch", true);
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(2);
        assertThat(http.get(path(key)).status()).isEqualTo(200);
        assertThat(http.delete(path(key), "If-Match", "\"2\"").status()).isEqualTo(204);
        assertThat(http.delete(path(key), "If-Match", "*").status()).isEqualTo(412);
    }

    @Test
    void delete_ifMatchList_deletesWhenAnyListedVersionIsCurrent() {
        String key = newKey();
        http.put(path(key), "{}");
        http.put(path(key), "{}");
        JsonNode problem = http.delete(path(key), "If-Match", "\"1\", \"3\"").assertProblem(412, "version-mismatch", true);
        assertThat(problem.get("currentVersion").asLong()).isEqualTo(2);
        assertThat(http.delete(path(key), "If-Match", "\"1\", \"2\", \"3\"").status()).isEqualTo(204);
        http.get(path(key)).assertProblem(404, "not-found", true);
    }

    @Test
    void delete_thenPut_restartsAtVersionOne() {
        String key = newKey();
        http.put(path(key), "{}");
        http.put(path(key), "{}");
        http.delete(path(key));
        Http.Reply reply = http.put(path(key), "{}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("ETag")).contains("\"1\"");
    }

    @Test
    void batch_getsAndPuts_returnsEntriesMissingAndVersions() throws Exception {
        String a = newKey();
        String b = newKey();
        String absent = newKey();
        http.put(path(a), "{\"a\":[1,2,{\"deep\":\"x\"}]}");
        Http.Reply reply = http.post("/maps/orders/batch", "{\"get\":[\"" + a + "\",\"" + absent + "\"],"
                + "\"put\":{\"" + b + "\":{\"b\":\"te\\\"xt\"},\"" + a + "-2\":[1, 2 ,3],\"" + a + "-3\":\"str\"}}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/json");
        BatchResponse batch = Http.JSON.readValue(reply.body(), BatchResponse.class);
        assertThat(batch.entries()).containsOnlyKeys(a);
        assertThat(batch.entries().get(a).version()).isEqualTo(1);
        assertThat(batch.entries().get(a).value().get("a").get(2).get("deep").asText()).isEqualTo("x");
        assertThat(batch.missing()).containsExactly(absent);
        assertThat(batch.versions()).containsEntry(b, 1L).containsEntry(a + "-2", 1L).containsEntry(a + "-3", 1L);
        assertThat(http.get(path(b)).body()).isEqualTo("{\"b\":\"te\\\"xt\"}");
        assertThat(http.get(path(a + "-2")).body()).isEqualTo("[1, 2 ,3]");
        assertThat(http.get(path(a + "-3")).body()).isEqualTo("\"str\"");
    }

    @Test
    void batch_onlyGets_returnsEmptyVersions() {
        String a = newKey();
        http.put(path(a), "7");
        JsonNode reply = http.post("/maps/orders/batch", "{\"get\":[\"" + a + "\",\"" + a + "\"]}").json();
        assertThat(reply.get("entries").get(a).get("value").asInt()).isEqualTo(7);
        assertThat(reply.get("missing")).isEmpty();
        assertThat(reply.get("versions")).isEmpty();
    }
}
