package dev.flotilla.lab.nemesis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionShapeTest {

    @Test
    void isolateOne_firstMemberAgainstTheRest_cutBothWays() {
        Map<String, Set<String>> cut = PartitionShape.ISOLATE_ONE.unreachable(List.of("a", "b", "c"));

        assertThat(cut).containsOnlyKeys("a", "b", "c");
        assertThat(cut.get("a")).containsExactlyInAnyOrder("b", "c");
        assertThat(cut.get("b")).containsExactly("a");
        assertThat(cut.get("c")).containsExactly("a");
        assertThat(PartitionShape.ISOLATE_ONE.describe(List.of("a", "b", "c"), m -> m)).isEqualTo("a | b c");
    }

    @Test
    void halves_minorityRoundedDown() {
        List<List<String>> sides = PartitionShape.HALVES.sides(List.of("a", "b", "c", "d", "e"));

        assertThat(sides).containsExactly(List.of("a", "b"), List.of("c", "d", "e"));
        assertThat(PartitionShape.HALVES.unreachable(List.of("a", "b", "c", "d", "e")).get("c"))
                .containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void bridge_bridgeReachesBothSidesThatCannotReachEachOther() {
        List<String> members = List.of("x", "a", "b", "c", "d");
        Map<String, Set<String>> cut = PartitionShape.BRIDGE.unreachable(members);

        assertThat(cut).doesNotContainKey("x");
        assertThat(cut.get("a")).containsExactlyInAnyOrder("c", "d");
        assertThat(cut.get("d")).containsExactlyInAnyOrder("a", "b");
        assertThat(PartitionShape.BRIDGE.describe(members, m -> m)).isEqualTo("a b | (x) | c d");
    }

    @Test
    void tooFewMembersOrUnknownName_rejectedWithTheKnownNames() {
        assertThatThrownBy(() -> PartitionShape.BRIDGE.sides(List.of("a", "b")))
                .hasMessageContaining("at least 3");
        assertThatThrownBy(() -> PartitionShape.byId("ring"))
                .hasMessageContaining("isolate-one, halves, bridge");
        assertThat(PartitionShape.byId("Halves")).isEqualTo(PartitionShape.HALVES);
    }
}
