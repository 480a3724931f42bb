package dev.flotilla.server.client;

import dev.flotilla.server.fixture.ServerNode;
import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Three real grid-server nodes in one random cluster, started one after another on free ports. */
final class ThreeNodes implements AutoCloseable {
    private final String clusterName = ServerNode.randomClusterName();
    private final List<ServerNode> nodes = new ArrayList<>();

    static ThreeNodes start() {
        ThreeNodes cluster = new ThreeNodes();
        for (int i = 0; i < 3; i++) {
            cluster.add(Map.of());
        }
        cluster.awaitMembers(3);
        return cluster;
    }

    ServerNode add(Map<String, Object> extra) {
        List<String> join = nodes.stream().filter(n -> n.context().isRunning()).map(ServerNode::memberAddress).toList();
        ServerNode node = ServerNode.start(clusterName, join, extra);
        nodes.add(node);
        return node;
    }

    ServerNode node(int i) {
        return nodes.get(i);
    }

    List<URI> uris() {
        return nodes.stream().map(ServerNode::uri).toList();
    }

    void awaitMembers(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> nodes.stream()
                .filter(n -> n.context().isRunning())
                .allMatch(n -> n.grid().cluster().members().size() == count));
    }

    @Override
    public void close() {
        for (ServerNode node : nodes) {
            if (node.context().isRunning()) {
                node.grid().terminate();
                node.close();
            }
        }
    }
}
