package dev.flotilla.server.security;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import io.micronaut.http.HttpMethod;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A node with security switched on (on loopback): tokens, roles per endpoint, 401/403 problems, health detail. */
@Timeout(120)
class SecurityApiTest {
    static final String READER = TokenHash.generate();
    static final String WRITER = TokenHash.generate();
    static final String ADMIN = TokenHash.generate();
    static final String METRICS = TokenHash.generate();

    @TempDir
    static Path runs;
    private static ServerNode node;
    private static Http http;

    /** The properties of a node with security on and the four tokens of this class in configuration. */
    static Map<String, Object> secured() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("flotilla-server.security.enabled", "true");
        p.put("flotilla-server.security.tokens.app-reader.hash", TokenHash.of(READER));
        p.put("flotilla-server.security.tokens.app-reader.roles", "reader");
        p.put("flotilla-server.security.tokens.app-writer.hash", TokenHash.of(WRITER));
        p.put("flotilla-server.security.tokens.app-writer.roles", List.of("writer"));
        p.put("flotilla-server.security.tokens.ops.hash", TokenHash.of(ADMIN).toUpperCase());
        p.put("flotilla-server.security.tokens.ops.roles", "admin");
        p.put("flotilla-server.security.tokens.scraper.hash", TokenHash.of(METRICS));
        p.put("flotilla-server.security.tokens.scraper.roles", "metrics");
        return p;
    }

    @BeforeAll
    static void start() {
        Map<String, Object> p = secured();
        p.put("flotilla-server.lab.output-dir", runs.toString());
        node = ServerNode.start(ServerNode.randomClusterName(), List.of(), p);
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static String[] bearer(String token) {
        return new String[] {"Authorization", "Bearer " + token};
    }

    @Test
    void data_noToken_401ProblemWithBearerChallenge() {
        Http.Reply reply = http.get("/maps/sec/k1");
        reply.assertProblem(401, "unauthorized", true);
        assertThat(reply.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        http.put("/maps/sec/k1", "{}").assertProblem(401, "unauthorized", true);
        http.get("/cluster").assertProblem(401, "unauthorized", true);
        http.get("/cluster/members").assertProblem(401, "unauthorized", true);
        http.get("/prometheus").assertProblem(401, "unauthorized", true);
        http.post("/lab/experiments", "{}").assertProblem(401, "unauthorized", true);
    }

    @Test
    void data_unknownToken_401() {
        http.get("/maps/sec/k1", bearer(TokenHash.generate())).assertProblem(401, "unauthorized", true);
        http.get("/maps/sec/k1", "Authorization", "Bearer " + TokenHash.of(READER)).assertProblem(401, "unauthorized", true);
        http.get("/maps/sec/k1", "Authorization", "Basic " + READER).assertProblem(401, "unauthorized", true);
    }

    @Test
    void reader_getsButCannotWrite_403() {
        assertThat(http.get("/maps/sec/absent", bearer(READER)).status()).isEqualTo(404);
        assertThat(http.get("/cluster", bearer(READER)).status()).isEqualTo(200);
        assertThat(http.get("/counters/sec?mode=atomic-key", bearer(READER)).status()).isEqualTo(200);
        JsonNode problem = http.put("/maps/sec/k2", "{\"a\":1}", bearer(READER)).assertProblem(403, "forbidden", true);
        assertThat(problem.path("detail").asText()).contains("app-reader").contains("writer").doesNotContain(READER);
        http.delete("/maps/sec/k2", bearer(READER)).assertProblem(403, "forbidden", true);
        http.post("/tx", "{}", bearer(READER)).assertProblem(403, "forbidden", true);
        http.get("/prometheus", bearer(READER)).assertProblem(403, "forbidden", true);
        assertThat(node.grid().hazelcast().getMap("sec").containsKey("k2")).isFalse();
    }

    @Test
    void writer_writesButCannotStartExperiments_403() {
        assertThat(http.put("/maps/sec/w1", "{\"a\":1}", bearer(WRITER)).status()).isEqualTo(201);
        assertThat(http.get("/maps/sec/w1", bearer(WRITER)).status()).isEqualTo(200);
        assertThat(http.post("/counters/sec", "{\"mode\":\"atomic-key\",\"delta\":1}", bearer(WRITER)).status()).isEqualTo(200);
        http.post("/lab/experiments", "{\"workload\":\"nope\"}", bearer(WRITER)).assertProblem(403, "forbidden", true);
        http.get("/lab/experiments", bearer(WRITER)).assertProblem(403, "forbidden", true);
        http.delete("/cluster/data-loss", bearer(WRITER)).assertProblem(403, "forbidden", true);
    }

    @Test
    void admin_passesToTheLab_invalidSpec400() {
        http.post("/lab/experiments", "{\"workload\":\"nope\"}", bearer(ADMIN)).assertProblem(400, "invalid-spec", true);
        assertThat(http.get("/lab/experiments", bearer(ADMIN)).status()).isEqualTo(200);
        assertThat(http.put("/maps/sec/a1", "{}", bearer(ADMIN)).status()).isEqualTo(201);
        assertThat(http.get("/prometheus", bearer(ADMIN)).status()).isEqualTo(200);
    }

    @Test
    void metrics_scrapesButReadsNoData() {
        Http.Reply scrape = http.get("/prometheus", bearer(METRICS));
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE");
        http.get("/maps/sec/k1", bearer(METRICS)).assertProblem(403, "forbidden", true);
        http.get("/cluster", bearer(METRICS)).assertProblem(403, "forbidden", true);
    }

    @Test
    void health_anonymousOrReader_statusOnly_adminAndMetricsSeeDetails() {
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/health/safe").status() == 200);
        String cluster = node.grid().hazelcast().getConfig().getClusterName();
        for (String path : List.of("/health", "/health/liveness", "/health/readiness", "/health/safe")) {
            for (String[] headers : List.of(new String[0], bearer(READER), bearer(WRITER), bearer(TokenHash.generate()))) {
                Http.Reply reply = http.get(path, headers);
                assertThat(reply.status()).as(path).isEqualTo(200);
                JsonNode body = reply.json();
                assertThat(body.path("status").asText()).as(path).isEqualTo("UP");
                List<String> fields = new java.util.ArrayList<>();
                body.fields().forEachRemaining(f -> {
                    if (!f.getValue().isNull()) {
                        fields.add(f.getKey());
                    }
                });
                assertThat(fields).as(path + " answers " + reply.body()).containsExactly("status");
                assertThat(reply.body()).doesNotContain(cluster).doesNotContain("127.0.0.1");
            }
        }
        for (String token : List.of(ADMIN, METRICS)) {
            JsonNode summary = http.get("/health", bearer(token)).json();
            assertThat(summary.at("/details/member/status").asText()).isEqualTo("UP");
            assertThat(http.get("/health/safe", bearer(token)).json().at("/details/safe").asBoolean()).isTrue();
        }
    }

    @Test
    void pages_dashboardAndApiDocument_public_unknownRoute_401ThenNotFound() {
        assertThat(http.get("/dashboard").status()).isEqualTo(200);
        assertThat(http.get("/swagger/flotilla-0.1.yml").status()).isEqualTo(200);
        http.get("/nowhere").assertProblem(401, "unauthorized", true);
        http.get("/nowhere", bearer(READER)).assertProblem(404, "route-not-found", true);
        http.get("/cluster/events", bearer(METRICS)).assertProblem(403, "forbidden", true);
    }

    @Test
    void routes_everyRouteOfTheNode_namedInTheAccessTable() {
        Router router = node.context().getBean(Router.class);
        TreeSet<String> unnamed = new TreeSet<>();
        TreeSet<String> all = new TreeSet<>();
        router.uriRoutes().forEach(route -> {
            UriRouteInfo<?, ?> info = route;
            String template = info.getUriMatchTemplate().toString();
            HttpMethod method = info.getHttpMethod();
            all.add(method + " " + template + " -> " + Access.of(method, template));
            if (Access.declared(method, template).isEmpty()) {
                unnamed.add(method + " " + template);
            }
        });
        assertThat(all).as("routes").isNotEmpty();
        assertThat(unnamed).as("routes the access table does not name, of " + all).isEmpty();
    }

    @Test
    void loopbackNode_securityAuto_everythingOpenAndTokensIgnored() {
        try (ServerNode open = ServerNode.startAlone()) {
            Http plain = new Http(open.uri());
            assertThat(open.context().getBean(SecuritySettings.class).enabled()).isFalse();
            assertThat(open.context().getBeansOfType(io.micronaut.security.filters.SecurityFilter.class))
                    .as("Micronaut's filter, replaced by the one that steps aside while security is off")
                    .singleElement().isInstanceOf(SwitchableSecurityFilter.class);
            assertThat(plain.put("/maps/open/k", "{}").status()).isEqualTo(201);
            assertThat(plain.put("/maps/open/k", "{}", bearer(TokenHash.generate())).status()).isEqualTo(200);
            assertThat(plain.get("/prometheus").status()).isEqualTo(200);
            assertThat(plain.get("/health").json().at("/details/member/status").asText()).isEqualTo("UP");
        }
    }
}
