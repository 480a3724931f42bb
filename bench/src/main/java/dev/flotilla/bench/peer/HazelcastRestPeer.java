package dev.flotilla.bench.peer;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.RestEndpointGroup;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import dev.flotilla.bench.Documents;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The peer of the HTTP harness: one Hazelcast 5.4 member serving its built-in REST API
 * ({@code GET|POST /hazelcast/rest/maps/{map}/{key}}) on its member port, with {@code keys} JSON documents of
 * {@code bytes} bytes preloaded in map {@code bench} as {@code k0 ... k<keys-1>}.
 *
 * <p>Arguments: {@code <host> <port> <cluster-name> <keys> <bytes>}. Prints {@code ready} once it serves.
 */
public final class HazelcastRestPeer {
    private HazelcastRestPeer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Config config = loneMember(args[2], args[0], Integer.parseInt(args[1]));
        config.getNetworkConfig().getRestApiConfig().setEnabled(true).enableGroups(RestEndpointGroup.DATA);
        HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        preload(member.getMap("bench"), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        System.out.println("ready");
        Runtime.getRuntime().addShutdownHook(new Thread(member::shutdown));
        new CountDownLatch(1).await();
    }

    /** One member alone on {@code host:port}: no join, no phone-home; the peer's and the bare case's. */
    public static Config loneMember(String clusterName, String host, int port) {
        Config config = new Config().setClusterName(clusterName);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.local.localAddress", host);
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(false).getInterfaces().setEnabled(true).addInterface(host);
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        return config;
    }

    /** {@code k0 ... k<keys-1>} mapped to a JSON document of exactly {@code bytes} bytes, put in batches. */
    public static void preload(IMap<String, HazelcastJsonValue> map, int keys, int bytes) {
        HazelcastJsonValue value = new HazelcastJsonValue(Documents.ofSize(bytes));
        Map<String, HazelcastJsonValue> batch = new HashMap<>();
        for (int k = 0; k < keys; k++) {
            batch.put("k" + k, value);
            if (batch.size() == 1_000 || k == keys - 1) {
                map.putAll(batch);
                batch.clear();
            }
        }
    }
}
