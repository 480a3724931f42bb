package dev.flotilla.grid.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;
import dev.flotilla.grid.map.JsonLimits;
import dev.flotilla.grid.map.VersionedMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.io.IOException;

/** Checks that a text is exactly one well-formed JSON document, by streaming it (no tree is built). */
public final class JsonDocuments {
    private static final JsonFactory JSON = JsonLimits.factory();

    private static final ObjectMapper TREES = new ObjectMapper(JSON);

    private JsonDocuments() {
    }

    /** Returns {@code json} unchanged, or throws a definite {@link GridFailure#INVALID_VALUE} saying where it broke. */
    public static String requireValid(String json) {
        if (json == null || json.isBlank()) {
            throw new GridException(GridFailure.INVALID_VALUE, "value must be a JSON document, not empty");
        }
        if (json.length() > VersionedMap.MAX_DOCUMENT_CHARS) {
            throw new GridException(GridFailure.INVALID_VALUE, "value is " + json.length()
                    + " characters long; the limit is " + VersionedMap.MAX_DOCUMENT_CHARS);
        }
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new GridException(GridFailure.INVALID_VALUE, "value must be a JSON document, not empty");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw new GridException(GridFailure.INVALID_VALUE, "value has text after the end of the JSON document at line "
                        + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
            }
            return json;
        } catch (StreamConstraintsException e) {
            // before JsonProcessingException: it is one, and has no location
            throw new GridException(GridFailure.INVALID_VALUE, "value passes a limit: " + JsonLimits.broken(e));
        } catch (JsonProcessingException e) {
            throw new GridException(GridFailure.INVALID_VALUE, "value is not well-formed JSON: "
                    + e.getOriginalMessage() + where(e));
        } catch (IOException e) {
            throw new GridException(GridFailure.INVALID_VALUE, "value could not be read as JSON");
        }
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr();
    }

    /**
     * The array {@code stored} with {@code element} added last ({@code [element]} when {@code stored} is null);
     * a definite {@link GridFailure#INVALID_ARGUMENT} naming map and key when {@code stored} is not an array, and a
     * definite {@link GridFailure#INVALID_VALUE} when the result would pass the document size limit or, one level
     * deeper than {@code element}, the nesting limit.
     */
    public static String appendToArray(String stored, String element, String map, String key) {
        try {
            ArrayNode array;
            if (stored == null) {
                array = TREES.createArrayNode();
            } else if (TREES.readTree(stored) instanceof ArrayNode present) {
                array = present;
            } else {
                throw new GridException(GridFailure.INVALID_ARGUMENT, "cannot append to map '" + map + "', key '"
                        + key + "': its document is not a JSON array");
            }
            JsonNode added = TREES.readTree(element);
            array.add(added);
            String appended = TREES.writeValueAsString(array);
            if (appended.length() > VersionedMap.MAX_DOCUMENT_CHARS) {
                throw new GridException(GridFailure.INVALID_VALUE, "appending to map '" + map + "', key '" + key
                        + "' would make a document of " + appended.length() + " characters; the limit is "
                        + VersionedMap.MAX_DOCUMENT_CHARS);
            }
            // the array adds a level: an element at the nesting limit would store a document no parser here reads
            try {
                return requireValid(appended);
            } catch (GridException e) {
                throw new GridException(GridFailure.INVALID_VALUE, "appending to map '" + map + "', key '" + key
                        + "' would make a document that " + e.getMessage().replaceFirst("^value ", ""));
            }
        } catch (JsonProcessingException e) {
            throw new GridException(GridFailure.INTERNAL, "the document of map '" + map + "', key '" + key
                    + "' could not be read as JSON", e);
        }
    }
}
