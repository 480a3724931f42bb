package dev.flotilla.client.internal;

import dev.flotilla.client.EndpointState;
import dev.flotilla.client.LoadBalancing;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointPoolTest {
    private static List<URI> uris(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> URI.create("http://127.0.0.1:" + (8080 + i))).toList();
    }

    private static Map<URI, Integer> spread(EndpointPool pool, int requests) {
        Map<URI, Integer> counts = new HashMap<>();
        for (int i = 0; i < requests; i++) {
            counts.merge(pool.choose(Set.of()).uri(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundRobin_threeHealthy_evenSpread() {
        EndpointPool pool = new EndpointPool(uris(3), LoadBalancing.ROUND_ROBIN);

        assertThat(spread(pool, 300)).containsOnlyKeys(uris(3)).allSatisfy((uri, n) -> assertThat(n).isEqualTo(100));
    }

    @Test
    void leastOutstanding_oneBusy_prefersIdle() {
        EndpointPool pool = new EndpointPool(uris(3), LoadBalancing.LEAST_OUTSTANDING);
        Endpoint busy = pool.all().get(0);
        busy.begin();
        busy.begin();

        Map<URI, Integer> counts = spread(pool, 100);

        assertThat(counts).doesNotContainKey(busy.uri());
    }

    @Test
    void leastOutstanding_allIdle_evenSpread() {
        EndpointPool pool = new EndpointPool(uris(3), LoadBalancing.LEAST_OUTSTANDING);

        assertThat(spread(pool, 300).values()).containsOnly(100);
    }

    @Test
    void leastOutstanding_inFlightGrows_picksFewest() {
        EndpointPool pool = new EndpointPool(uris(3), LoadBalancing.LEAST_OUTSTANDING);
        for (int i = 0; i < 9; i++) {
            pool.choose(Set.of()).begin(); // never ends: each node gets 3
        }

        assertThat(pool.all()).allSatisfy(e -> assertThat(e.outstanding()).isEqualTo(3));
    }

    @Test
    void choose_ejectedNode_skipped() {
        EndpointPool pool = new EndpointPool(uris(3), LoadBalancing.ROUND_ROBIN);
        Endpoint dead = pool.all().get(1);
        dead.eject("refused");

        assertThat(spread(pool, 100)).doesNotContainKey(dead.uri()).hasSize(2);
    }

    @Test
    void choose_degradedNode_usedOnlyWhenNoHealthyLeft() {
        EndpointPool pool = new EndpointPool(uris(2), LoadBalancing.ROUND_ROBIN);
        Endpoint migrating = pool.all().get(0);
        Endpoint healthy = pool.all().get(1);
        migrating.probed(EndpointState.DEGRADED, null);

        assertThat(spread(pool, 10)).containsOnlyKeys(healthy.uri());
        assertThat(pool.choose(Set.of(healthy))).isSameAs(migrating);
    }

    @Test
    void choose_allEjected_stillPicksOne() {
        EndpointPool pool = new EndpointPool(uris(2), LoadBalancing.ROUND_ROBIN);
        pool.all().forEach(e -> e.eject("refused"));

        assertThat(pool.choose(Set.of())).isIn(pool.all());
    }

    @Test
    void choose_everyNodeTried_startsOver() {
        EndpointPool pool = new EndpointPool(uris(2), LoadBalancing.ROUND_ROBIN);

        assertThat(pool.choose(Set.copyOf(pool.all()))).isIn(pool.all());
    }

    @Test
    void choose_oneTried_picksAnother() {
        EndpointPool pool = new EndpointPool(uris(3), LoadBalancing.ROUND_ROBIN);
        Endpoint first = pool.choose(Set.of());

        for (int i = 0; i < 10; i++) {
            assertThat(pool.choose(Set.of(first))).isNotSameAs(first);
        }
    }

    @Test
    void endpoint_answerAfterEjection_readmitted() {
        Endpoint e = new Endpoint(URI.create("http://127.0.0.1:1"));
        e.eject("refused");
        e.begin();
        e.end(true);

        assertThat(e.state()).isEqualTo(EndpointState.HEALTHY);
    }

    @Test
    void endpoint_threeFailuresInARow_ejected() {
        Endpoint e = new Endpoint(URI.create("http://127.0.0.1:1"));
        e.failed("timeout");
        e.failed("timeout");
        assertThat(e.state()).isEqualTo(EndpointState.HEALTHY);

        e.failed("timeout");

        assertThat(e.state()).isEqualTo(EndpointState.EJECTED);
    }
}
