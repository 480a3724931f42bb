package dev.flotilla.server.security;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.flotilla.server.fixture.Http;
import dev.flotilla.server.fixture.ServerNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No token, valid or not, reaches the log, even with Micronaut's and Flotilla's loggers at DEBUG and the access log on. */
@Timeout(120)
class SecurityLogTest {

    @Test
    void log_requestsWithValidAndUnknownTokens_tokenAbsent() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.setContext(logging);
        appender.start();
        Logger root = logging.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Logger> loud = List.of(logging.getLogger("io.micronaut"), logging.getLogger("dev.flotilla"),
                logging.getLogger("HTTP_ACCESS_LOGGER"),
                logging.getLogger("io.micronaut.context.event.ApplicationEventPublisher"));
        List<Level> before = loud.stream().map(Logger::getLevel).toList();
        loud.forEach(l -> l.setLevel(Level.DEBUG));
        root.addAppender(appender);
        String unknown = TokenHash.generate();
        try {
            Map<String, Object> p = SecurityApiTest.secured();
            p.put("micronaut.server.netty.access-logger.enabled", true);
            try (ServerNode node = ServerNode.start(ServerNode.randomClusterName(), List.of(), p)) {
                Http http = new Http(node.uri());
                assertThat(http.put("/maps/log/k", "{}", "Authorization", "Bearer " + SecurityApiTest.WRITER).status()).isEqualTo(201);
                assertThat(http.put("/maps/log/k", "{}", "Authorization", "Bearer " + SecurityApiTest.READER).status()).isEqualTo(403);
                assertThat(http.get("/maps/log/k", "Authorization", "Bearer " + unknown).status()).isEqualTo(401);
                assertThat(http.get("/prometheus", "Authorization", "Bearer " + SecurityApiTest.ADMIN).status()).isEqualTo(200);
                assertThat(http.get("/nowhere/x", "Authorization", "Bearer " + SecurityApiTest.METRICS).status()).isEqualTo(404);
            }
        } finally {
            root.detachAppender(appender);
            for (int i = 0; i < loud.size(); i++) {
                loud.get(i).setLevel(before.get(i));
            }
        }
        List<String> lines = appender.list.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(e.getThrowableProxy()))).toList();
        assertThat(lines).as("log lines").hasSizeGreaterThan(10);
        assertThat(lines).anyMatch(line -> line.contains("security on"));
        for (String secret : List.of(SecurityApiTest.WRITER, SecurityApiTest.READER, SecurityApiTest.ADMIN,
                SecurityApiTest.METRICS, unknown)) {
            assertThat(lines).noneMatch(line -> line.contains(secret));
        }
    }
}
