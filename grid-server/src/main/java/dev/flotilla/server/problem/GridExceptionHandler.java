package dev.flotilla.server.problem;

import dev.flotilla.grid.GridException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a grid-core failure with the problem of the same code and definite flag. Non-definite failures are
 * logged with their cause; the caller only sees grid-core's message (which never echoes internal text), and
 * {@code internal} failures only a fixed detail.
 */
@Singleton
@Produces
public class GridExceptionHandler implements ExceptionHandler<GridException, HttpResponse<byte[]>> {
    private static final Logger LOG = LoggerFactory.getLogger(GridExceptionHandler.class);

    @Override
    public HttpResponse<byte[]> handle(HttpRequest request, GridException exception) {
        if (!exception.definite()) {
            LOG.warn("{} {} failed with {}", request.getMethodName(), request.getPath(), exception.failure().code(), exception);
        }
        return Problems.response(Problems.of(exception, request));
    }
}
