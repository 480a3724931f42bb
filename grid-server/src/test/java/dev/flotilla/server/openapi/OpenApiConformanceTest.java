package dev.flotilla.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.EventStream;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document is the truth: a real node answers every operation through its success and error
 * statuses, and each answer must be documented for its operation (status, media type, headers) and its body must
 * validate against the documented schema. Every operation of the document must be exercised, so an endpoint added
 * to the document without a conformance case, or a record that changes without its schema, fails here.
 */
@Timeout(180)
class OpenApiConformanceTest {
    private static final String SPEC = """
            {"name": "openapi-counter", "workload": "counter", "mode": "atomic-key", "members": 1,
             "nemesis": {"name": "none"}, "duration-seconds": 1, "clients": 1, "seed": 3}
            """;

    @TempDir
    static Path runs;
    private static ServerNode node;
    private static Http http;
    private static OpenApiDocument document;

    private final List<String> violations = new ArrayList<>();
    private final Set<String> exercised = new TreeSet<>();

    @BeforeAll
    static void start() {
        node = ServerNode.start(ServerNode.randomClusterName(), List.of(),
                Map.of("flotilla-server.lab.output-dir", runs.toString()));
        http = new Http(node.uri());
        Http.Reply served = http.get("/swagger/flotilla-0.1.yml");
        assertThat(served.status()).isEqualTo(200);
        assertThat(served.contentType()).startsWith("application/yaml");
        document = OpenApiDocument.parse(served.body());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void everyOperation_realResponses_conformToTheServedDocument() {
        maps();
        guaranteeOperations();
        transactions();
        cluster();
        lab();

        assertThat(violations).as("responses that contradict the document").isEmpty();
        Set<String> unexercised = new TreeSet<>(document.operations());
        exercised.forEach(e -> unexercised.remove(e.substring(0, e.lastIndexOf(' '))));
        assertThat(unexercised).as("documented operations no case exercised").isEmpty();
    }

    @Test
    void document_describesNoFrameworkTypes_andEveryOperationAnswersProblems() {
        JsonNode schemas = document.root().path("components").path("schemas");
        schemas.fieldNames().forEachRemaining(name -> assertThat(name).doesNotStartWith("HttpResponse").doesNotStartWith("HttpMessage"));
        for (String operation : document.operations()) {
            JsonNode badRequest = document.response(operation, 400).orElseThrow(() -> new AssertionError(operation + " has no 400"));
            assertThat(badRequest.path("content").has("application/problem+json")).as(operation).isTrue();
            assertThat(document.response(operation, 500)).as(operation + " documents 500").isPresent();
        }
    }

    private void maps() {
        String doc = "/maps/conform/k1";
        String op = "/maps/{map}/{key}";
        Http.Reply created = check("PUT", op, http.put(doc, "{\"n\":1}"), 201);
        assertThat(created.header("Location")).isPresent();
        check("PUT", op, http.put(doc, "{\"n\":2}", "If-Match", "\"1\""), 200);
        check("PUT", op, http.put(doc, "{\"n\":3}", "If-Match", "\"abc\""), 412);
        check("PUT", op, http.put(doc, "{\"n\":", "If-Match", "\"2\""), 400);
        check("PUT", op, http.put(doc, "{\"big\":\"" + "x".repeat(1_200_000) + "\"}"), 413);
        check("PUT", op, http.send(http.request(doc).header("Content-Type", "text/plain").PUT(BodyPublishers.ofString("{}"))), 415);
        String key = UUID.randomUUID().toString();
        check("PUT", op, http.put("/maps/conform/idem", "{}", "Idempotency-Key", key), 201);
        check("PUT", op, http.put("/maps/conform/idem", "{\"other\":1}", "Idempotency-Key", key), 422);
        check("GET", op, http.get(doc), 200);
        check("GET", op, http.get(doc, "If-None-Match", "W/\"2\""), 304);
        check("GET", op, http.get("/maps/conform/absent"), 404);
        check("GET", op, http.get("/maps/_reserved/k"), 400);
        check("GET", op, http.get(doc, "Accept", "text/csv"), 406);
        check("DELETE", op, http.delete(doc, "If-Match", "\"1\""), 412);
        check("DELETE", op, http.delete(doc), 204);
        check("DELETE", op, http.delete(doc), 404);
        check("DELETE", op, http.delete(doc, "If-Match", "abc"), 400);

        String batch = "/maps/{map}/batch";
        check("POST", batch, http.post("/maps/conform/batch", "{\"get\":[\"idem\",\"nope\"],\"put\":{\"b1\":{\"v\":[1,null]}}}"), 200);
        check("POST", batch, http.post("/maps/conform/batch", "{}"), 400);
        check("POST", batch, http.send(http.request("/maps/conform/batch").header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("{\"get\":[\"a\"]}"))), 415);
    }

    private void guaranteeOperations() {
        check("POST", "/accounts", http.post("/accounts", "{\"mode\":\"atomic-key\",\"balances\":{\"alice\":10,\"bob\":0}}"), 200);
        check("POST", "/accounts", http.post("/accounts", "{\"balances\":{\"alice\":10}}"), 400);
        check("GET", "/accounts/{namespace}", http.get("/accounts/accounts?mode=atomic-key&names=alice,bob,carol"), 200);
        check("GET", "/accounts/{namespace}", http.get("/accounts/accounts?mode=atomic-key"), 400);
        check("POST", "/transfers", http.post("/transfers", "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":3,\"mode\":\"atomic-key\"}"), 200);
        check("POST", "/transfers", http.post("/transfers", "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":300,\"mode\":\"atomic-key\"}"), 409);
        check("POST", "/transfers", http.post("/transfers", "{\"from\":\"alice\",\"to\":\"bob\",\"amount\":1,\"mode\":\"nope\"}"), 400);

        String register = "/registers/{namespace}/{key}";
        check("GET", register, http.get("/registers/conform/r1?mode=atomic-key"), 200);
        check("PUT", register, http.put("/registers/conform/r1", "{\"mode\":\"atomic-key\",\"value\":7}"), 200);
        check("PUT", register, http.put("/registers/conform/r1", "{\"mode\":\"atomic-key\",\"value\":\"x\"}"), 400);
        check("GET", register, http.get("/registers/conform/r1?mode=atomic-key&x=1"), 400);
        check("POST", register + "/cas", http.post("/registers/conform/r1/cas", "{\"mode\":\"atomic-key\",\"expected\":7,\"value\":8}"), 200);
        check("POST", register + "/cas", http.post("/registers/conform/r1/cas", "{\"mode\":\"atomic-key\",\"expected\":7,\"value\":9}"), 200);
        check("POST", register + "/cas", http.post("/registers/conform/r1/cas", "{\"mode\":\"atomic-key\"}"), 400);

        check("POST", "/sets/{namespace}", http.post("/sets/conform", "{\"mode\":\"atomic-key\",\"element\":5}"), 200);
        check("POST", "/sets/{namespace}", http.post("/sets/conform", "{\"mode\":\"atomic-key\",\"element\":1.5}"), 400);
        check("GET", "/sets/{namespace}", http.get("/sets/conform?mode=atomic-key"), 200);
        check("GET", "/sets/{namespace}", http.get("/sets/conform"), 400);

        check("POST", "/counters/{namespace}", http.post("/counters/conform", "{\"mode\":\"atomic-key\",\"delta\":2}"), 200);
        check("POST", "/counters/{namespace}", http.post("/counters/conform", "{\"mode\":\"atomic-key\",\"delta\":0}"), 400);
        check("GET", "/counters/{namespace}", http.get("/counters/conform?mode=atomic-key"), 200);
        check("GET", "/counters/{namespace}", http.get("/counters/conform?mode=cp"), 400);
    }

    private void transactions() {
        check("POST", "/tx", http.post("/tx", """
                {"mode":"tx-one-phase","operations":[{"op":"put","map":"conform","key":"t1","value":{"a":1},"ifVersion":0},
                 {"op":"get","map":"conform","key":"t1"},{"op":"get","map":"conform","key":"never"},
                 {"op":"delete","map":"conform","key":"never"}]}"""), 200);
        check("POST", "/tx", http.post("/tx", """
                {"mode":"tx-two-phase","operations":[{"op":"append","map":"conform","key":"list","value":3}]}"""), 200);
        check("POST", "/tx", http.post("/tx", """
                {"mode":"tx-two-phase","operations":[{"op":"append","map":"conform","key":"t1","value":3}]}"""), 400);
        check("POST", "/tx", http.post("/tx", """
                {"mode":"tx-one-phase","operations":[{"op":"put","map":"conform","key":"t1","value":{},"ifVersion":7}]}"""), 412);
        check("POST", "/tx", http.post("/tx", "{\"mode\":\"tx-one-phase\",\"operations\":[]}"), 400);
    }

    private void cluster() {
        for (String path : List.of("/cluster", "/cluster/members", "/cluster/partitions", "/cluster/migrations",
                "/cluster/maps", "/cluster/data-loss")) {
            check("GET", path, http.get(path), 200);
            check("GET", path, http.get(path + "?verbose=1"), 400);
        }
        String keyPartition = "/cluster/partitions/key/{key}";
        check("GET", keyPartition, http.get("/cluster/partitions/key/k%C3%A9y"), 200);
        check("GET", keyPartition, http.get("/cluster/partitions/key/" + "k".repeat(257)), 400);
        check("GET", keyPartition, http.get("/cluster/partitions/key/k?verbose=1"), 400);
        check("DELETE", "/cluster/data-loss", http.delete("/cluster/data-loss"), 200);
        check("DELETE", "/cluster/data-loss", http.delete("/cluster/data-loss?all=1"), 400);
        check("GET", "/cluster/events", http.get("/cluster/events?x=1", "Accept", "text/event-stream"), 400);
        try (EventStream events = EventStream.open(node.uri().resolve("/cluster/events"))) {
            assertThat(events.status()).isEqualTo(200);
            Optional<JsonNode> ok = document.response("GET /cluster/events", 200);
            JsonNode media = ok.orElseThrow().path("content").path(events.contentType().split(";")[0].strip());
            assertThat(media.isMissingNode()).as("documented media type " + events.contentType()).isFalse();
            Awaitility.await("the subscribed event").atMost(Duration.ofSeconds(20)).until(() -> !events.events().isEmpty());
            JsonNode data = events.events().get(0).data();
            violations.addAll(document.validate(media.path("schema").path("x-event-data"), data).stream()
                    .map(v -> "GET /cluster/events 200 data: " + v).toList());
            exercised.add("GET /cluster/events 200");
        }
    }

    private void lab() {
        String experiments = "/lab/experiments";
        Http.Reply accepted = check("POST", experiments, http.post(experiments, SPEC), 202);
        String self = accepted.header("Location").orElseThrow();
        check("POST", experiments, http.post(experiments, "{\"workload\":\"nope\"}"), 400);
        check("POST", experiments, http.send(http.request(experiments).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString(SPEC))), 415);
        check("GET", experiments, http.get(experiments), 200);
        String id = experiments + "/{id}";
        check("GET", id + "/report", http.get(self + "/report"), 409);
        check("GET", id + "/history", http.get(self + "/history"), 409);
        check("GET", id, http.get(experiments + "/none"), 404);
        check("GET", id + "/report", http.get(experiments + "/none/report"), 404);
        check("GET", id + "/history", http.get(experiments + "/none/history"), 404);
        check("GET", id, http.get(self + "?x=1"), 400);
        Awaitility.await("experiment done").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> Set.of("done", "failed").contains(check("GET", id, http.get(self), 200).json().get("state").asText()));
        check("GET", id + "/report", http.get(self + "/report", "Accept", "application/json"), 200);
        check("GET", id + "/report", http.get(self + "/report", "Accept", "text/html"), 200);
        check("GET", id + "/history", http.get(self + "/history"), 200);
        check("DELETE", id, http.delete(self), 200);
        check("DELETE", id, http.delete(experiments + "/none"), 404);
    }

    /**
     * Checks one real answer against the document and records the operation as exercised: the status is the one
     * this case expects and is documented, its media type is documented, the documented ETag and Location headers
     * are present, and a JSON body validates against the documented schema.
     */
    private Http.Reply check(String method, String template, Http.Reply reply, int expectedStatus) {
        String operation = method + " " + template;
        assertThat(reply.status()).as(operation + " answered " + reply.body()).isEqualTo(expectedStatus);
        exercised.add(operation + " " + reply.status());
        Optional<JsonNode> documented = document.response(operation, reply.status());
        if (documented.isEmpty()) {
            violations.add(operation + ": status " + reply.status() + " is not documented");
            return reply;
        }
        JsonNode response = documented.get();
        response.path("headers").fieldNames().forEachRemaining(header -> {
            if (Set.of("ETag", "Location").contains(header) && reply.header(header).isEmpty()) {
                violations.add(operation + " " + reply.status() + ": documented header " + header + " is missing");
            }
        });
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!reply.body().isEmpty()) {
                violations.add(operation + " " + reply.status() + ": a body where none is documented");
            }
            return reply;
        }
        String mediaType = reply.contentType().split(";")[0].strip();
        JsonNode media = content.get(mediaType);
        if (media == null) {
            violations.add(operation + " " + reply.status() + ": media type " + mediaType + " is not documented");
            return reply;
        }
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            JsonNode body;
            try {
                body = Http.JSON.readTree(reply.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            violations.addAll(document.validate(media.path("schema"), body).stream()
                    .map(v -> operation + " " + reply.status() + ": " + v).toList());
        } else {
            violations.addAll(document.validate(media.path("schema"), Http.JSON.getNodeFactory().textNode(reply.body())).stream()
                    .map(v -> operation + " " + reply.status() + ": " + v).toList());
        }
        return reply;
    }
}
