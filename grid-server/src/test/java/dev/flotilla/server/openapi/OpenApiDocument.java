package dev.flotilla.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.server.fixture.Http;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.yaml.snakeyaml.Yaml;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The served OpenAPI 3.0 document, and a validator of real responses against it: the status must be documented for
 * the operation, the media type too, and the body must satisfy the schema. The validator covers the schema keywords
 * the document uses ({@code $ref}, {@code type}, {@code nullable}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code enum}, {@code allOf}, {@code minimum}, {@code maximum},
 * {@code minItems}, {@code maxItems}, {@code pattern}, int32 ranges) and fails on any other, so it cannot pass
 * vacuously.
 */
final class OpenApiDocument {
    private static final Set<String> KNOWN = Set.of("$ref", "type", "nullable", "properties", "required",
            "additionalProperties", "items", "enum", "allOf", "minimum", "maximum", "minItems", "maxItems", "pattern",
            "format", "description", "minLength", "maxLength", "x-event-data");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    /** Parses {@code yaml}; fails if swagger-parser finds it is not a valid OpenAPI document. */
    static OpenApiDocument parse(String yaml) {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml);
        if (parsed.getOpenAPI() == null || (parsed.getMessages() != null && !parsed.getMessages().isEmpty())) {
            throw new AssertionError("not a valid OpenAPI document: " + parsed.getMessages());
        }
        Object tree = new Yaml().load(yaml);
        return new OpenApiDocument(Http.JSON.valueToTree(tree));
    }

    /** Every operation as "METHOD /path/{template}". */
    Set<String> operations() {
        Set<String> operations = new TreeSet<>();
        root.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
            if (METHODS.contains(method)) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return operations;
    }

    /** The documented response of {@code operation} for {@code status}, if any. */
    Optional<JsonNode> response(String operation, int status) {
        String[] parts = operation.split(" ", 2);
        JsonNode responses = root.path("paths").path(parts[1]).path(parts[0].toLowerCase(Locale.ROOT)).path("responses");
        JsonNode response = responses.get(String.valueOf(status));
        return response == null ? Optional.empty() : Optional.of(resolve(response));
    }

    /** The schema a {@code $ref} names, or the node itself. */
    JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                throw new AssertionError("external $ref " + ref);
            }
            JsonNode target = root;
            for (String part : ref.substring(2).split("/")) {
                target = target.path(part.replace("~1", "/").replace("~0", "~"));
            }
            if (target.isMissingNode()) {
                throw new AssertionError("dangling $ref " + ref);
            }
            node = target;
        }
        return node;
    }

    /** The violations of {@code value} against {@code schema}, each naming the JSON path; empty when it conforms. */
    List<String> validate(JsonNode schema, JsonNode value) {
        List<String> violations = new ArrayList<>();
        validate(schema, value, "$", violations);
        return violations;
    }

    private void validate(JsonNode schemaOrRef, JsonNode value, String at, List<String> out) {
        JsonNode schema = resolve(schemaOrRef);
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!KNOWN.contains(keyword)) {
                out.add(at + ": the validator does not know schema keyword '" + keyword + "'");
            }
        }
        if (value.isNull()) {
            if (!schema.path("nullable").asBoolean(false) && (schema.has("type") || schema.has("allOf"))) {
                out.add(at + ": null but not nullable");
            }
            return;
        }
        for (JsonNode part : schema.path("allOf")) {
            validate(part, value, at, out);
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode option : schema.get("enum")) {
                listed |= option.equals(value) || (option.isTextual() && value.isTextual() && option.asText().equals(value.asText()));
            }
            if (!listed) {
                out.add(at + ": " + value + " is not one of " + schema.get("enum"));
            }
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "" -> { }
            case "object" -> object(schema, value, at, out);
            case "array" -> array(schema, value, at, out);
            case "string" -> {
                if (!value.isTextual()) {
                    out.add(at + ": expected a string, got " + value.getNodeType());
                } else if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                    out.add(at + ": '" + value.asText() + "' does not match " + schema.get("pattern").asText());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    out.add(at + ": expected an integer, got " + value);
                } else {
                    number(schema, value, at, out);
                    if (schema.path("format").asText().equals("int32") && !value.canConvertToInt()) {
                        out.add(at + ": " + value + " is out of int32 range");
                    }
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    out.add(at + ": expected a number, got " + value);
                } else {
                    number(schema, value, at, out);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    out.add(at + ": expected a boolean, got " + value);
                }
            }
            default -> out.add(at + ": unknown type " + type);
        }
    }

    private void object(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (!value.isObject()) {
            out.add(at + ": expected an object, got " + value.getNodeType());
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                out.add(at + ": required '" + required.asText() + "' is missing");
            }
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        value.fields().forEachRemaining(field -> {
            String where = at + "." + field.getKey();
            if (properties.has(field.getKey())) {
                validate(properties.get(field.getKey()), field.getValue(), where, out);
            } else if (additional != null && additional.isObject()) {
                validate(additional, field.getValue(), where, out);
            } else if (additional == null ? properties.size() > 0 : !additional.asBoolean()) {
                // a documented object with properties lists them all: an undocumented field is drift
                out.add(where + ": not in the schema");
            }
        });
    }

    private void array(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (!value.isArray()) {
            out.add(at + ": expected an array, got " + value.getNodeType());
            return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            out.add(at + ": fewer than " + schema.get("minItems") + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            out.add(at + ": more than " + schema.get("maxItems") + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            validate(schema.path("items"), value.get(i), at + "[" + i + "]", out);
        }
    }

    private static void number(JsonNode schema, JsonNode value, String at, List<String> out) {
        if (schema.has("minimum") && value.decimalValue().compareTo(schema.get("minimum").decimalValue()) < 0) {
            out.add(at + ": " + value + " is below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && value.decimalValue().compareTo(schema.get("maximum").decimalValue()) > 0) {
            out.add(at + ": " + value + " is above the maximum " + schema.get("maximum"));
        }
    }

    /** The raw tree, for checks of the document itself. */
    JsonNode root() {
        return root;
    }
}
