package dev.flotilla.client.internal;

import dev.flotilla.client.FlotillaClient;
import dev.flotilla.client.HealthCheck;
import dev.flotilla.client.PartitionRouting;
import dev.flotilla.client.RetryPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSettingsTest {

    @Test
    void build_noEndpoint_refusedNamingTheSetting() {
        assertThatThrownBy(() -> FlotillaClient.builder().build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("endpoints");
    }

    @Test
    void build_endpointWithPath_refused() {
        assertThatThrownBy(() -> FlotillaClient.builder().endpoints("http://127.0.0.1:8081/maps").build())
                .hasMessageContaining("no path");
    }

    @Test
    void build_duplicateEndpoint_refused() {
        assertThatThrownBy(() -> FlotillaClient.builder().endpoints("http://127.0.0.1:8081", "http://127.0.0.1:8081/").build())
                .hasMessageContaining("twice");
    }

    @Test
    void build_zeroTimeout_refused() {
        assertThatThrownBy(() -> FlotillaClient.builder().endpoints("http://127.0.0.1:8081")
                .requestTimeout(Duration.ZERO).build()).hasMessageContaining("requestTimeout");
    }

    @Test
    void partitionRouting_negativeOrZeroInterval_refusedNamingTheSetting() {
        assertThatThrownBy(() -> new PartitionRouting(Duration.ofSeconds(-1))).hasMessageContaining("partitionRouting");
        assertThatThrownBy(() -> PartitionRouting.every(Duration.ZERO)).hasMessageContaining("partitionRouting");
        assertThatThrownBy(() -> FlotillaClient.builder().endpoints("http://127.0.0.1:8081").partitionRouting(null).build())
                .hasMessageContaining("partitionRouting");
    }

    @Test
    void partitionRouting_default_off() {
        try (FlotillaClient client = FlotillaClient.builder().endpoints("http://127.0.0.1:8081")
                .healthCheck(HealthCheck.disabled()).build()) {
            org.assertj.core.api.Assertions.assertThat(client.routing().enabled()).isFalse();
        }
    }

    @Test
    void retryPolicy_zeroAttempts_refused() {
        assertThatThrownBy(() -> RetryPolicy.of(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("maxAttempts");
    }

    @Test
    void healthCheck_negativeInterval_refused() {
        assertThatThrownBy(() -> HealthCheck.every(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void build_tokenWithSpace_refused() {
        assertThatThrownBy(() -> FlotillaClient.builder().endpoints("http://127.0.0.1:8081").bearerToken("a b").build())
                .hasMessageContaining("bearerToken");
    }
}
