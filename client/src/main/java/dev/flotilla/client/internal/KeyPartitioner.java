package dev.flotilla.client.internal;

import java.nio.charset.StandardCharsets;

/**
 * The partition of a String key exactly as a Hazelcast 5.4 member computes it, without Hazelcast.
 *
 * <p>A member serialises the key to a {@code HeapData}: a 4-byte partition-hash slot, the String type id
 * (big-endian), then the payload {@code ObjectDataOutput.writeString} writes: the UTF-8 byte count as a
 * big-endian int followed by the bytes of {@code String.getBytes(UTF_8)} (so a surrogate pair is one 4-byte
 * sequence). Its partition hash is MurmurHash3_x86_32 over that payload (blocks read little-endian, seed
 * {@code 0x01000193}), and the partition id is {@code HashUtil.hashToIndex}: {@code |hash| % count}, with
 * {@code Integer.MIN_VALUE} mapped to 0. Pinned against a real member by the contract test. Public for that test
 * (grid-server's); not part of the client's API.
 */
public final class KeyPartitioner {
    /** {@code HashUtil.DEFAULT_MURMUR_SEED}. */
    static final int SEED = 0x01000193;

    private KeyPartitioner() {
    }

    /** The partition id of {@code key} among {@code partitionCount} partitions. */
    public static int partition(String key, int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partitionCount must be positive, not " + partitionCount);
        }
        return hashToIndex(hash(key), partitionCount);
    }

    /** The partition hash of {@code key}'s serialised form. */
    static int hash(String key) {
        byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[4 + utf8.length];
        int n = utf8.length;
        payload[0] = (byte) (n >>> 24);
        payload[1] = (byte) (n >>> 16);
        payload[2] = (byte) (n >>> 8);
        payload[3] = (byte) n;
        System.arraycopy(utf8, 0, payload, 4, n);
        return murmur3x86x32(payload, SEED);
    }

    static int hashToIndex(int hash, int length) {
        return hash == Integer.MIN_VALUE ? 0 : Math.abs(hash) % length;
    }

    /** MurmurHash3_x86_32 (Austin Appleby), 32-bit blocks read little-endian as Hazelcast's byte-array loader does. */
    static int murmur3x86x32(byte[] data, int seed) {
        final int c1 = 0xcc9e2d51;
        final int c2 = 0x1b873593;
        int len = data.length;
        int tail = len & ~3;
        int h1 = seed;
        for (int i = 0; i < tail; i += 4) {
            int k1 = (data[i] & 0xff) | (data[i + 1] & 0xff) << 8 | (data[i + 2] & 0xff) << 16 | (data[i + 3] & 0xff) << 24;
            k1 *= c1;
            k1 = Integer.rotateLeft(k1, 15);
            k1 *= c2;
            h1 ^= k1;
            h1 = Integer.rotateLeft(h1, 13);
            h1 = h1 * 5 + 0xe6546b64;
        }
        int k1 = 0;
        switch (len & 3) {
            case 3:
                k1 = (data[tail + 2] & 0xff) << 16;
                // fall through
            case 2:
                k1 |= (data[tail + 1] & 0xff) << 8;
                // fall through
            case 1:
                k1 |= data[tail] & 0xff;
                k1 *= c1;
                k1 = Integer.rotateLeft(k1, 15);
                k1 *= c2;
                h1 ^= k1;
                break;
            default:
                break;
        }
        h1 ^= len;
        h1 ^= h1 >>> 16;
        h1 *= 0x85ebca6b;
        h1 ^= h1 >>> 13;
        h1 *= 0xc2b2ae35;
        h1 ^= h1 >>> 16;
        return h1;
    }
}
