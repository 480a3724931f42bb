package dev.flotilla.grid.cluster;

import dev.flotilla.grid.Grid;
import dev.flotilla.grid.LoopbackProfile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Members bound to loopback aliases (127.0.0.x, on no interface's address list) form one cluster, one address each. */
@Timeout(60)
class LoopbackAliasTest {

    @Test
    void bindAddress_loopbackAlias_membersJoinAndAdvertiseTheirOwnAddress() {
        String name = "alias-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "127.0.0.2:" + LoopbackProfile.freePort();
        String second = "127.0.0.3:" + LoopbackProfile.freePort();
        List<String> members = List.of(first, second);
        try (Grid a = start(name, first, members); Grid b = start(name, second, members)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(b.cluster().members()).extracting(MemberInfo::address)
                            .containsExactlyInAnyOrder(first, second));
            assertThat(a.cluster().members()).hasSize(2);
        }
    }

    private static Grid start(String cluster, String address, List<String> members) {
        String[] hostPort = address.split(":");
        return Grid.start(LoopbackProfile.builder(cluster).bindAddress(hostPort[0])
                .port(Integer.parseInt(hostPort[1])).members(members).build());
    }
}
