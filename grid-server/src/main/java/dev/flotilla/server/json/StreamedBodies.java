package dev.flotilla.server.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.grid.map.JsonLimits;
import dev.flotilla.server.problem.ProblemException;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads JSON request bodies by streaming, without trees, for the codecs that cut documents out of the request text
 * as they are (batch, transactions). Text that is not JSON is {@code 400 malformed-json}; shape problems are
 * reported through the caller's own {@code shape} function.
 */
public final class StreamedBodies {
    /** The factory for bodies and answers: the limits of grid-core's document check ({@link JsonLimits}). */
    public static final JsonFactory JSON = JsonLimits.factory();

    /** Reads one field's value; the parser is on {@code value}. */
    @FunctionalInterface
    public interface FieldReader {
        /** Consumes the value of {@code field}, or throws a problem. */
        void read(JsonParser parser, String field, JsonToken value) throws IOException;
    }

    private StreamedBodies() {
    }

    /**
     * Parses {@code body} as one JSON object, handing each field to {@code fields}.
     *
     * @param notObject the detail when the body is not a JSON object
     * @param shape     makes the problem for a shape detail (a field given twice, not an object)
     */
    public static void readObject(String body, String notObject, Function<String, ProblemException> shape,
                                  FieldReader fields) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw shape.apply(notObject);
            }
            readFields(parser, "", shape, fields);
            if (parser.nextToken() != null) {
                throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body has text after the end of the JSON object");
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /**
     * Checks that {@code body} is well-formed JSON within {@link JsonLimits}, token by token (no tree), for bodies
     * a mapper reads next: the mapper's shape errors would otherwise hide a limit the body passes.
     */
    public static void requireWellFormed(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            while (parser.nextToken() != null) {
                // each token is checked against the limits as it is read
            }
        } catch (IOException e) {
            throw unreadable(e);
        }
    }

    /** The {@code 400 malformed-json} for a body the parser gave up on: where it broke, or the limit it passed. */
    public static ProblemException unreadable(IOException e) {
        if (e instanceof StreamConstraintsException limit) {
            return new ProblemException(ErrorCode.MALFORMED_JSON, "the request body passes a limit: "
                    + JsonLimits.broken(limit));
        }
        if (e instanceof JsonParseException parse) {
            return new ProblemException(ErrorCode.MALFORMED_JSON, "the request body is not well-formed JSON: "
                    + parse.getOriginalMessage() + (parse.getLocation() == null ? "" : " at line "
                    + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr()));
        }
        return new ProblemException(ErrorCode.MALFORMED_JSON, "the request body could not be read as JSON");
    }

    /**
     * Reads the fields of the object the parser has just entered, up to its end; a field given twice is a shape
     * problem whose detail starts with {@code where}.
     */
    public static void readFields(JsonParser parser, String where, Function<String, ProblemException> shape,
                                  FieldReader fields) throws IOException {
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!seen.add(field)) {
                throw shape.apply(where + "field '" + printable(field) + "' appears twice");
            }
            fields.read(parser, field, parser.nextToken());
        }
    }

    /** The JSON text of the value the parser is on, cut out of {@code body} as sent (the parser moves past it). */
    public static String rawValue(JsonParser parser, JsonToken value, String body) throws IOException {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (value.isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken(); // strings are read lazily: consume the whole token before taking the offset
        }
        return body.substring(start, (int) parser.currentLocation().getCharOffset());
    }

    /** A name from a request, cut to 64 characters, control characters replaced, for error details. */
    public static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
