package dev.flotilla.client.protocol;

/**
 * The body of {@code POST /sets/{namespace}}: add {@code element} to the namespace's grow-only set.
 *
 * @param mode    a guarantee mode id
 * @param element the element to add (required); adding one already present changes nothing
 */
public record GrowSetAddRequest(String mode, long element) {
}
