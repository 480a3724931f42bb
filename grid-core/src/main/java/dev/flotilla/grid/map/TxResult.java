package dev.flotilla.grid.map;

/**
 * What one {@link TxOperation} did in a committed transaction, in the order the operations were given.
 *
 * @param kind    the operation's kind
 * @param map     the map's name
 * @param key     the key
 * @param version get: the version read (0 when absent); put and append: the new version; delete: the deleted version (0 when
 *                it was absent)
 * @param json    get: the document read as stored (null when absent); null for the others
 */
public record TxResult(TxOperation.Kind kind, String map, String key, long version, String json) {
}
