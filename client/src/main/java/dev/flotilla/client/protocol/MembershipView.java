package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * How many members the answering node sees against how many the cluster had. A node cannot tell crashed members
 * from members on the other side of a network partition: {@code seen < expected} means either.
 *
 * @param seen     members in the node's view now, itself included
 * @param expected the most members the node saw since it started or last merged, less graceful leaves
 * @param minority {@code seen * 2 <= expected}: in a split, this side holds at most half of the cluster
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MembershipView(int seen, int expected, boolean minority) {
}
