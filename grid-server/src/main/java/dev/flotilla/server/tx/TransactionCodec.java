package dev.flotilla.server.tx;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.flotilla.client.protocol.ErrorCode;
import dev.flotilla.client.protocol.TransactionRequest;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.grid.map.TxResult;
import dev.flotilla.server.problem.ProblemException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code POST /tx} bodies and writes their answers by streaming, without trees: each document to write is cut
 * out of the request text as it is, and each document read is written into the answer as stored.
 *
 * <p>The shape is checked here ({@code 400 malformed-json} / {@code invalid-request}); names, documents, versions
 * and the mode are checked by grid-core before its transaction begins.
 */
final class TransactionCodec {
    static final String EXAMPLE = "{\"mode\":\"tx-two-phase\",\"operations\":[{\"op\":\"put\",\"map\":\"m\","
            + "\"key\":\"k\",\"value\":{\"a\":1},\"ifVersion\":0}]}";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

    /** A parsed request: the mode id as sent and the operations. */
    record Parsed(String mode, List<TxOperation> operations) {
    }

    private TransactionCodec() {
    }

    /** Parses a request body; shape problems are definite 400s. */
    static Parsed parse(String body) {
        if (body == null || body.isBlank()) {
            throw shape("the body is empty");
        }
        String mode = null;
        List<TxOperation> operations = null;
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw shape("the body must be a JSON object");
            }
            Set<String> seen = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!seen.add(field)) {
                    throw shape("field '" + printable(field) + "' appears twice");
                }
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "mode" -> mode = string(parser, value, "'mode'");
                    case "operations" -> operations = readOperations(parser, value, body);
                    default -> throw shape("unknown field '" + printable(field) + "'");
                }
            }
            if (parser.nextToken() != null) {
                throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body has text after the end of the JSON object");
            }
        } catch (JsonParseException e) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body is not well-formed JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ProblemException(ErrorCode.MALFORMED_JSON, "the request body could not be read as JSON");
        }
        if (mode == null) {
            throw shape("'mode' is required (" + TransactionRequest.TX_ONE_PHASE + " or " + TransactionRequest.TX_TWO_PHASE + ")");
        }
        if (operations == null || operations.isEmpty()) {
            throw shape("'operations' must hold at least one operation");
        }
        return new Parsed(mode, operations);
    }

    private static List<TxOperation> readOperations(JsonParser parser, JsonToken value, String body) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw shape("'operations' must be an array");
        }
        List<TxOperation> operations = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
            if (operations.size() == TransactionRequest.MAX_OPERATIONS) {
                throw shape("'operations' holds more than " + TransactionRequest.MAX_OPERATIONS + " operations");
            }
            operations.add(readOperation(parser, t, body, "operations[" + operations.size() + "]"));
        }
        return operations;
    }

    private static TxOperation readOperation(JsonParser parser, JsonToken start, String body, String where) throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw shape(where + " must be an object");
        }
        String op = null;
        String map = null;
        String key = null;
        String document = null;
        long ifVersion = TxOperation.ANY_VERSION;
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            if (!seen.add(field)) {
                throw shape(where + ": field '" + printable(field) + "' appears twice");
            }
            JsonToken token = parser.nextToken();
            switch (field) {
                case "op" -> op = string(parser, token, where + ".op");
                case "map" -> map = string(parser, token, where + ".map");
                case "key" -> key = string(parser, token, where + ".key");
                case "value" -> document = rawValue(parser, token, body);
                case "ifVersion" -> ifVersion = version(parser, token, where);
                default -> throw shape(where + ": unknown field '" + printable(field)
                        + "'; an operation has op, map, key, value and ifVersion");
            }
        }
        if (op == null || map == null || key == null) {
            throw shape(where + " needs 'op', 'map' and 'key'");
        }
        TxOperation.Kind kind = switch (op) {
            case "get" -> TxOperation.Kind.GET;
            case "put" -> TxOperation.Kind.PUT;
            case "delete" -> TxOperation.Kind.DELETE;
            default -> throw shape(where + ": unknown op '" + printable(op) + "'; ops are get, put and delete");
        };
        if (kind == TxOperation.Kind.PUT && document == null) {
            throw shape(where + ": a put needs 'value'");
        }
        return new TxOperation(kind, map, key, document, ifVersion);
    }

    /** The value's JSON text as it appears in the body; null for an absent or null value. */
    private static String rawValue(JsonParser parser, JsonToken token, String body) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        int start = (int) parser.currentTokenLocation().getCharOffset();
        if (token.isStructStart()) {
            parser.skipChildren();
        } else {
            parser.finishToken(); // strings are read lazily: consume the whole token before taking the offset
        }
        return body.substring(start, (int) parser.currentLocation().getCharOffset());
    }

    private static long version(JsonParser parser, JsonToken token, String where) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return TxOperation.ANY_VERSION;
        }
        if (token != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT
                && parser.getNumberType() != JsonParser.NumberType.LONG || parser.getLongValue() < 0) {
            throw shape(where + ".ifVersion must be 0 (absent) or a positive version");
        }
        return parser.getLongValue();
    }

    private static String string(JsonParser parser, JsonToken token, String where) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            throw shape(where + " must be a string");
        }
        return parser.getText();
    }

    /** {@code {"mode":..,"results":[{"op","map","key","version","value"?}]}}; documents written as stored. */
    static byte[] write(String mode, List<TxResult> results) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 64 * results.size());
        try (JsonGenerator out = JSON.createGenerator(bytes)) {
            out.writeStartObject();
            out.writeStringField("mode", mode);
            out.writeArrayFieldStart("results");
            for (TxResult result : results) {
                out.writeStartObject();
                out.writeStringField("op", result.kind().id());
                out.writeStringField("map", result.map());
                out.writeStringField("key", result.key());
                out.writeNumberField("version", result.version());
                if (result.json() != null) {
                    out.writeFieldName("value");
                    out.writeRawValue(result.json());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static ProblemException shape(String detail) {
        return new ProblemException(ErrorCode.INVALID_REQUEST, detail + "; send " + EXAMPLE);
    }

    private static String printable(String s) {
        String cut = s.length() > 64 ? s.substring(0, 64) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
