package dev.flotilla.server;

import dev.flotilla.client.protocol.Problem;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI error responses every operation that calls the grid can answer: bad input, an unacceptable
 * {@code Accept}, an unexpected failure, an unavailable grid and a timeout (micronaut-openapi reads them through
 * this stereotype).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ViewErrors
@ApiResponse(responseCode = "503", description = ApiComponents.UNAVAILABLE,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
@ApiResponse(responseCode = "504", description = ApiComponents.GATEWAY_TIMEOUT,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
public @interface DataErrors {
}
