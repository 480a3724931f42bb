package dev.flotilla.client.internal;

/**
 * Where a guarantee-mode handle sends its requests: the family's path for one namespace, and the mode its reads name
 * in {@code ?mode=} and its writes in the body.
 *
 * @param base the encoded path, for example {@code /counters/demo}
 * @param mode the guarantee mode id, as given
 */
record GuaranteePath(String base, String mode) {

    /** The path of that family ({@code /registers}, {@code /sets}, {@code /counters}) for the namespace. */
    static GuaranteePath of(String family, String namespace, String mode) {
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException("namespace must not be empty");
        }
        if (mode == null || mode.isEmpty()) {
            throw new IllegalArgumentException("mode must not be empty (for example atomic-key or cp)");
        }
        return new GuaranteePath(family + "/" + Paths.encode(namespace), mode);
    }

    /** The namespace's path with {@code suffix} (already encoded, starting with '/') and no query. */
    String at(String suffix) {
        return base + suffix;
    }

    /** The namespace's path with {@code suffix} and {@code ?mode=}, for reads. */
    String read(String suffix) {
        return base + suffix + "?mode=" + Paths.encode(mode);
    }
}
