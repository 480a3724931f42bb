package dev.flotilla.server.problem;

import dev.flotilla.grid.LoopbackProfile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Unexpected and non-definite failures: the right code and status, definite false, no internal text. */
@Timeout(120)
class ProblemResponsesTest {
    private static ServerNode node;
    private static Http http;

    @BeforeAll
    static void start() {
        node = ServerNode.start(ServerNode.randomClusterName(), List.of(), Map.of("test.failing-endpoints", "true"));
        http = new Http(node.uri());
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void unexpectedException_thrown_returns500InternalWithoutExceptionText() {
        JsonNode problem = http.get("/test-failures/unexpected").assertProblem(500, "internal", false);
        assertThat(problem.toString()).doesNotContain(FailingController.SECRET).doesNotContain("IllegalStateException");
        assertThat(problem.get("detail").asText()).isEqualTo(Problems.INTERNAL_DETAIL);
    }

    @Test
    void unexpectedException_failedFuture_returns500InternalWithoutExceptionText() {
        JsonNode problem = http.get("/test-failures/async-unexpected").assertProblem(500, "internal", false);
        assertThat(problem.toString()).doesNotContain(FailingController.SECRET);
    }

    @Test
    void framework400_libraryMessage_fixedDetailWithoutLibraryText() {
        JsonNode problem = http.get("/test-failures/library-bad-request").assertProblem(400, "bad-request", true);
        assertThat(problem.toString()).doesNotContain(FailingController.SECRET);
        assertThat(problem.get("detail").asText()).contains("GET /test-failures/library-bad-request");
    }

    @Test
    void frameworkOther4xx_libraryMessage_fixedDetailWithoutLibraryText() {
        JsonNode problem = http.get("/test-failures/library-conflict").assertProblem(409, "bad-request", true);
        assertThat(problem.toString()).doesNotContain(FailingController.SECRET);
    }

    @Test
    void gridTimeout_failedFuture_returns504NotDefinite() {
        JsonNode problem = http.get("/test-failures/timeout").assertProblem(504, "timeout", false);
        assertThat(problem.get("detail").asText()).contains("may have been applied");
        assertThat(problem.toString()).doesNotContain(FailingController.SECRET);
    }

    @Test
    void gridMemberLost_thrown_returns503NotDefinite() {
        http.get("/test-failures/member-lost").assertProblem(503, "member-lost", false);
    }

    @Test
    void gridInternal_thrown_returnsFixedDetail() {
        JsonNode problem = http.get("/test-failures/grid-internal").assertProblem(500, "internal", false);
        assertThat(problem.toString()).doesNotContain(FailingController.SECRET);
    }

    @Test
    void stoppedMember_request_returns503MemberNotRunningAndHealthDown() {
        try (ServerNode stopped = ServerNode.start(ServerNode.randomClusterName(), List.of(), Map.of())) {
            Http stoppedHttp = new Http(stopped.uri());
            assertThat(stoppedHttp.put("/maps/m/k", "{}").status()).isEqualTo(201);
            stopped.grid().terminate();

            stoppedHttp.get("/maps/m/k").assertProblem(503, "member-not-running", true);
            stoppedHttp.put("/maps/m/k", "{}").assertProblem(503, "member-not-running", true);
            Http.Reply health = stoppedHttp.get("/health");
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().get("status").asText()).isEqualTo("DOWN");
            assertThat(health.json().at("/details/grid/status").asText()).isEqualTo("DOWN");
        }
        assertThat(LoopbackProfile.freePort()).isPositive();
    }
}
