package dev.flotilla.bench.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WrkResultTest {
    private static final String CLEAN = """
            Running 10s test @ http://127.0.0.1:40001
              2 threads and 50 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.10ms    3.02ms  61.20ms   92.00%
                Req/Sec    12.40k     1.10k   14.90k    70.00%
              Latency Distribution
                 50%  850.00us
                 75%    1.90ms
                 90%    4.10ms
                 99%    1.20s
              246800 requests in 10.01s, 40.10MB read
            Requests/sec:  24655.34
            Transfer/sec:      4.01MB
            """;

    @Test
    void readsRateCountAndPercentilesInEveryUnit() {
        WrkResult result = WrkResult.parse(CLEAN);

        assertThat(result.requestsPerSecond()).isEqualTo(24655.34);
        assertThat(result.requests()).isEqualTo(246_800);
        assertThat(result.p50Millis()).isEqualTo(0.85);
        assertThat(result.p90Millis()).isEqualTo(4.1);
        assertThat(result.p99Millis()).isEqualTo(1200.0);
        assertThat(result.clean()).isTrue();
    }

    @Test
    void errorsMakeARunUnclean() {
        String failing = CLEAN.replace("Requests/sec:", """
                  Socket errors: connect 0, read 3, write 0, timeout 2
                  Non-2xx or 3xx responses: 17
                Requests/sec:""");

        WrkResult result = WrkResult.parse(failing);

        assertThat(result.failedResponses()).isEqualTo(17);
        assertThat(result.socketErrors()).isEqualTo(5);
        assertThat(result.clean()).isFalse();
    }

    @Test
    void outputWithoutLatencyDistributionIsRefused() {
        String withoutLatency = CLEAN.replaceAll("(?m)^\\s+\\d+%.*\\n", "");

        assertThatThrownBy(() -> WrkResult.parse(withoutLatency)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--latency");
        assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Requests/sec");
    }
}
