package dev.flotilla.lab.fleet;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node file of one fleet node, in the keys an operator writes (config/README.md): its address and ports, the
 * fleet's cluster name and member list, map settings (replication, merge policy, split-brain protection), CP
 * members and failure detection.
 *
 * <p>The lab departs from a node's defaults in two places, both visible in the file: outgoing member connections
 * leave from the node's own address ({@code hazelcast.socket.client.bind.any=false}), so that each node is one
 * address on the wire; and split-brain merges are tried after 10 s and then every 5 s (Hazelcast's defaults are
 * 300 s and 120 s), so a cluster that split during a run has merged by the time the lab reads the final state.
 *
 * <p>With persistent maps the file names the fleet's {@link StoreDatabase} ({@code store.url}, {@code store.user})
 * and the maps' {@code store-*} keys; the password is not in it: the node gets it as {@code FLOTILLA_STORE_PASSWORD}.
 */
final class NodeFile {
    static final Map<String, String> LAB_PROPERTIES = Map.of(
            "hazelcast.socket.client.bind.any", "false",
            "hazelcast.merge.first.run.delay.seconds", "10",
            "hazelcast.merge.next.run.delay.seconds", "5");

    private NodeFile() {
    }

    /** The node file; {@code store} is the fleet's database, or null when its maps are not persistent. */
    static String render(NodeProcess node, String clusterName, List<String> members, FleetSettings settings,
                         StoreDatabase store) {
        Map<String, String> properties = new TreeMap<>(LAB_PROPERTIES);
        properties.putAll(settings.properties());
        StringBuilder y = new StringBuilder();
        y.append("# ").append(node.label()).append(" of lab fleet ").append(clusterName)
                .append(" (written by the lab; keys: config/README.md)\n");
        y.append("micronaut:\n  server:\n    host: ").append(node.host()).append("\n    port: ")
                .append(node.http().getPort()).append('\n');
        y.append("flotilla:\n");
        y.append("  cluster-name: ").append(clusterName).append('\n');
        y.append("  bind-address: ").append(node.host()).append('\n');
        y.append("  port: ").append(node.memberAddress().substring(node.host().length() + 1)).append('\n');
        y.append("  port-auto-increment: false\n");
        y.append("  members:\n");
        members.forEach(m -> y.append("    - ").append(m).append('\n'));
        y.append("  map-defaults:\n");
        settings.map().configKeys().forEach((k, v) -> y.append("    ").append(k).append(": ").append(v).append('\n'));
        if (store != null) {
            y.append("  store:\n    url: ").append(store.url()).append("\n    user: ").append(store.user()).append('\n');
        }
        y.append("  cp:\n    member-count: ").append(settings.cpMemberCount()).append('\n');
        y.append("  failure-detection:\n    max-no-heartbeat-seconds: ")
                .append(settings.maxNoHeartbeat().toSeconds()).append('\n');
        y.append("  properties:\n");
        properties.forEach((k, v) -> y.append("    ").append(k).append(": \"").append(v).append("\"\n"));
        return y.toString();
    }
}
