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
 * The OpenAPI error responses of a write with a JSON body and an {@code Idempotency-Key}: the key in use or reused,
 * a body too large, a wrong content type.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(responseCode = "409", description = ApiComponents.IN_PROGRESS,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
@ApiResponse(responseCode = "413", description = ApiComponents.PAYLOAD_TOO_LARGE,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
@ApiResponse(responseCode = "415", description = ApiComponents.UNSUPPORTED_MEDIA_TYPE,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
@ApiResponse(responseCode = "422", description = ApiComponents.KEY_REUSED,
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(ref = ApiComponents.PROBLEM)))
public @interface WriteErrors {
}
