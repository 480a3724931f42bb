package dev.flotilla.server.tx;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.grid.map.JsonLimits;
import dev.flotilla.server.json.StreamedBodies;
import dev.flotilla.server.problem.ProblemException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/**
 * Reads request bodies into the client module's wire records, strictly (unknown fields, missing primitives and
 * wrong types, such as a string or a fraction for an integer, are {@code 400 invalid-request}; text that is not
 * JSON is {@code 400 malformed-json}), and writes answers as JSON bytes.
 */
final class JsonBodies {
    private static final ObjectMapper JSON = JsonMapper.builder(JsonLimits.factory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            // an integer field takes an integer only: not "7" (a string) nor 1.5 (silently cut to 1)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private JsonBodies() {
    }

    static <T> T read(String body, Class<T> type, String example) {
        if (body == null || body.isBlank()) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "the body is empty; send " + example);
        }
        StreamedBodies.requireWellFormed(body);
        try {
            T value = JSON.readValue(body, type);
            if (value == null) {
                throw new ProblemException(ErrorCode.INVALID_REQUEST, "the body is null; send " + example);
            }
            return value;
        } catch (StreamConstraintsException | JsonParseException e) {
            throw StreamedBodies.unreadable(e);
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "unknown field '" + e.getPropertyName()
                    + "'; send " + example);
        } catch (JsonProcessingException e) {
            throw new ProblemException(ErrorCode.INVALID_REQUEST, "the body does not have the expected shape ("
                    + String.valueOf(e.getOriginalMessage()).replaceAll("\\(class [^)]*\\)", "").strip() + "); send " + example);
        }
    }

    static MutableHttpResponse<byte[]> ok(Object value) {
        try {
            return HttpResponse.<byte[]>status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write " + value.getClass().getSimpleName(), e);
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
