package dev.flotilla.server.web;

import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The operator dashboard: one self-contained page ({@code web/dashboard.html}, no external resources) that polls
 * this node's JSON endpoints and follows {@code /cluster/events}. {@code /} redirects to it. Not part of the API,
 * so left out of the OpenAPI document.
 */
@Hidden
@Controller
public class DashboardController {
    static final String PAGE = "web/dashboard.html";
    private static final String TEXT_HTML_UTF8 = "text/html; charset=utf-8";

    private final String page;

    public DashboardController() {
        this.page = load();
    }

    @Get(uri = "/dashboard", produces = TEXT_HTML_UTF8)
    public HttpResponse<String> dashboard(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return HttpResponse.ok(page).contentType(TEXT_HTML_UTF8).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    @Get(uri = "/", produces = MediaType.ALL)
    public HttpResponse<?> root(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/dashboard");
    }

    private static String load() {
        try (InputStream in = DashboardController.class.getClassLoader().getResourceAsStream(PAGE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + PAGE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
