package dev.flotilla.server.web;

import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator dashboard page served by a node, and the routes around it. */
@Timeout(120)
class DashboardPageTest {
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

    @Test
    void dashboard_get_htmlPageUsingTheNodeEndpoints() {
        Http.Reply reply = http.get("/dashboard");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        assertThat(reply.body())
                .contains("<title>Flotilla node dashboard</title>")
                .contains("\"/cluster\"", "\"/cluster/members\"", "\"/cluster/partitions\"", "\"/cluster/migrations\"",
                        "\"/health\"", "\"/lab/experiments\"")
                .contains("new EventSource(\"/cluster/events\")")
                .contains("fetch(\"/cluster/maps\"", "<h2>Maps, all members</h2>");
        assertThat(reply.body().getBytes(StandardCharsets.UTF_8).length).isLessThan(25 * 1024);
    }

    @Test
    void dashboard_events_memberEventsListedApartAndPartitionEventsFoldedWithLossInRed() {
        String body = http.get("/dashboard").body();
        assertThat(body).contains("id=\"memberrows\"", "id=\"eventrows\"", "\"partition-promoted\"",
                "\"partition-lost\"", "DATA LOST", "/cluster/data-loss", "FOLD_MS");
    }

    @Test
    void dashboard_page_noExternalResources() {
        String body = http.get("/dashboard").body();
        Matcher m = Pattern.compile("(?i)(src|href|url)\\s*[=(]\\s*[\"']?\\s*(https?:)?//").matcher(body);
        assertThat(m.find()).as("external reference at %s", m.hitEnd() ? "-" : body.substring(m.start(),
                Math.min(body.length(), m.start() + 80))).isFalse();
        assertThat(body).doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("<script src");
    }

    @Test
    void root_get_redirectsToDashboard() {
        Http.Reply reply = http.get("/");
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.header("Location")).contains("/dashboard");
    }

    @Test
    void dashboard_unknownParameter_problem400() {
        http.get("/dashboard?x=1").assertProblem(400, "unknown-parameter", true);
    }

    @Test
    void unknownRoute_belowDashboardOrTopLevel_problem404() {
        http.get("/dashboard/nope").assertProblem(404, "route-not-found", true);
        http.get("/nope").assertProblem(404, "route-not-found", true);
        http.get("/web/dashboard.html").assertProblem(404, "route-not-found", true);
    }

    @Test
    void dashboard_post_problem405() {
        http.post("/dashboard", "{}").assertProblem(405, "method-not-allowed", true);
    }
}
