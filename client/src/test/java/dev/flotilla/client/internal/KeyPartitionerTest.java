package dev.flotilla.client.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Known vectors: MurmurHash3_x86_32's published ones, and partition hashes a Hazelcast 5.4.0 member computed for
 * these keys ({@code serializationService.toData(key).getPartitionHash()}, partition of 271). The contract test in
 * grid-server checks 10,000 random keys against live members.
 */
class KeyPartitionerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|0|0",
            "''|1|1364076727",
            "hello|0|613153351",
            "The quick brown fox jumps over the lazy dog|0|776992547"})
    void murmur3_publishedVectors_match(String text, int seed, int expected) {
        assertThat(KeyPartitioner.murmur3x86x32(text.getBytes(StandardCharsets.UTF_8), seed)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a|2099876635|73",
            "ab|1322496121|132",
            "abc|-1708417075|13",
            "abcd|-1778745003|189",
            "key-1|2132451398|94",
            "o-1|1292049676|266",
            "user@example|1496370624|222",
            "straße|-640216175|84",
            "日本語キー|-1972308008|89",
            "😀|2024861213|161",
            "a😀b|360259437|167",
            "kéy|-2130608645|141"})
    void partition_hazelcastVectors_match(String key, int hash, int partition) {
        assertThat(KeyPartitioner.hash(key)).isEqualTo(hash);
        assertThat(KeyPartitioner.partition(key, 271)).isEqualTo(partition);
    }

    @Test
    void partition_emptyAndLongKeys_matchHazelcast() {
        assertThat(KeyPartitioner.hash("")).isEqualTo(923237662); // the node refuses it; the hash is still defined
        assertThat(KeyPartitioner.partition("x".repeat(256), 271)).isEqualTo(132);
    }

    @Test
    void hashToIndex_minValue_isZero() {
        assertThat(KeyPartitioner.hashToIndex(Integer.MIN_VALUE, 271)).isZero();
        assertThat(KeyPartitioner.hashToIndex(-5, 3)).isEqualTo(2);
    }

    @Test
    void partition_noPartitions_refused() {
        assertThatThrownBy(() -> KeyPartitioner.partition("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
