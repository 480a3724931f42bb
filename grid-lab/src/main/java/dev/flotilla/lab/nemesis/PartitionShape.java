package dev.flotilla.lab.nemesis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Who cannot reach whom during a network partition (Jepsen's grudge), drawn from a shuffled member list.
 *
 * <ul>
 *   <li>{@code isolate-one}: the first member against all the others;</li>
 *   <li>{@code halves}: the first {@code n/2} members (the minority, rounded down) against the rest;</li>
 *   <li>{@code bridge}: the first member (the bridge) reaches everyone; the others split into two halves that
 *       cannot reach each other. Hazelcast wants every member to reach every other, so this is a partial
 *       partition that the cluster has to resolve on its own.</li>
 * </ul>
 */
public enum PartitionShape {
    ISOLATE_ONE("isolate-one", 2),
    HALVES("halves", 2),
    BRIDGE("bridge", 3);

    private final String id;
    private final int minimumMembers;

    PartitionShape(String id, int minimumMembers) {
        this.id = id;
        this.minimumMembers = minimumMembers;
    }

    /** The spec name, e.g. {@code isolate-one}. */
    public String id() {
        return id;
    }

    /** The members the shape needs at least. */
    public int minimumMembers() {
        return minimumMembers;
    }

    /** Every spec name, in declaration order. */
    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(PartitionShape::id).toList();
    }

    /** The shape of that spec name; throws IllegalArgumentException listing the known names. */
    public static PartitionShape byId(String id) {
        for (PartitionShape shape : values()) {
            if (shape.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
                return shape;
            }
        }
        throw new IllegalArgumentException("unknown partition shape \"" + id + "\"; known: " + String.join(", ", ids()));
    }

    /**
     * The sides of the cut over {@code members} (already shuffled): the components that cannot reach each other,
     * smallest first, and for {@code bridge} the bridge member as a side of its own in the middle.
     */
    public <M> List<List<M>> sides(List<M> members) {
        if (members.size() < minimumMembers) {
            throw new IllegalArgumentException(id + " needs at least " + minimumMembers + " members, got " + members.size());
        }
        return switch (this) {
            case ISOLATE_ONE -> List.of(members.subList(0, 1), members.subList(1, members.size()));
            case HALVES -> List.of(members.subList(0, members.size() / 2), members.subList(members.size() / 2, members.size()));
            case BRIDGE -> {
                List<M> rest = members.subList(1, members.size());
                int half = rest.size() / 2;
                yield List.of(rest.subList(0, half), members.subList(0, 1), rest.subList(half, rest.size()));
            }
        };
    }

    /** For every member, the members it cannot reach during the cut (symmetric). */
    public <M> Map<M, Set<M>> unreachable(List<M> members) {
        List<List<M>> sides = sides(members);
        List<M> left = sides.get(0);
        List<M> right = sides.get(sides.size() - 1);
        Map<M, Set<M>> cut = new LinkedHashMap<>();
        for (M a : left) {
            for (M b : right) {
                cut.computeIfAbsent(a, k -> new LinkedHashSet<>()).add(b);
                cut.computeIfAbsent(b, k -> new LinkedHashSet<>()).add(a);
            }
        }
        return cut;
    }

    /** The sides for people, e.g. {@code n3 | n1 n2} or {@code n1 | (n2) | n3} with the bridge in brackets. */
    public <M> String describe(List<M> members, Function<M, String> label) {
        List<String> parts = new ArrayList<>();
        List<List<M>> sides = sides(members);
        for (int i = 0; i < sides.size(); i++) {
            String side = sides.get(i).stream().map(label).collect(Collectors.joining(" "));
            parts.add(this == BRIDGE && i == 1 ? "(" + side + ")" : side);
        }
        return String.join(" | ", parts);
    }
}
