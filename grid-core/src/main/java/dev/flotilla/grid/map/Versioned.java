package dev.flotilla.grid.map;

/**
 * A stored JSON document and its version.
 *
 * @param json    the document as JSON text, as it was written
 * @param version 1 for the first write of a key, then one more per write; deleting and writing again starts at 1
 */
public record Versioned(String json, long version) {
}
