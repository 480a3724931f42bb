package dev.flotilla.server.web;

import dev.flotilla.server.problem.QueryParameters;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Set;

/**
 * Serves the OpenAPI document that micronaut-openapi writes at compile time, as {@code application/yaml}
 * (RFC 9512). A static-resource mapping cannot: Micronaut takes media types from one bundled mime.types table that
 * has no YAML entry, and answers {@code text/plain}.
 */
@Hidden
@Controller
public class OpenApiDocumentController {
    /** Where the document is served, and where micronaut-openapi writes it on the classpath. */
    public static final String PATH = "/swagger/flotilla-0.1.yml";
    static final String MEDIA_TYPE = "application/yaml";
    private static final String RESOURCE = "META-INF" + PATH;

    private final byte[] document;

    public OpenApiDocumentController() {
        try (InputStream in = Objects.requireNonNull(getClass().getClassLoader().getResourceAsStream(RESOURCE),
                "the build did not write " + RESOURCE)) {
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = PATH, produces = MEDIA_TYPE)
    public HttpResponse<byte[]> document(HttpRequest<?> request) {
        QueryParameters.requireOnly(request, Set.of());
        return HttpResponse.ok(document).contentType(MEDIA_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }
}
