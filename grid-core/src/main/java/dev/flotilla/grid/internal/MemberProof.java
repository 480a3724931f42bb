package dev.flotilla.grid.internal;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.Member;
import dev.flotilla.grid.GridConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The member attribute by which Flotilla members recognise one another.
 *
 * <p>Hazelcast Community authenticates nothing on the member port: whoever knows the cluster name and reaches a
 * member joins. This cannot keep such a member out; it lets the others see it. Every Flotilla member announces
 * {@value #ATTRIBUTE}: without a member secret the unsigned marker {@value #UNSIGNED} (it tells a plain Hazelcast
 * member from a Flotilla one, nothing more), with one an HMAC-SHA256 under the secret of the cluster name and the
 * address it announces. Attributes are visible to every member, so a copied signature only fits the address it
 * was made for: an intruder that knows the cluster name but not the secret cannot sign its own address.
 */
public final class MemberProof {
    /** The member attribute that carries the marker or the signature. */
    public static final String ATTRIBUTE = "flotilla.member";
    /** The marker of a member that has no secret. */
    public static final String UNSIGNED = "unsigned";
    private static final String SIGNED = "hmac-sha256:";

    private MemberProof() {
    }

    /** The attribute value this member announces, for the address it will announce. */
    static String attributeFor(GridConfig config) {
        if (config.memberSecret() == null) {
            return UNSIGNED;
        }
        return SIGNED + sign(config.memberSecret(), config.clusterName(), announcedAddress(config));
    }

    /**
     * Why {@code member} is not a member of this cluster as this member knows it, or empty when it is one.
     *
     * @param secret this member's secret, or null: then any Flotilla marker is accepted, signed or not
     */
    public static Optional<String> problem(Member member, String clusterName, String secret) {
        String value = member.getAttribute(ATTRIBUTE);
        if (value == null) {
            return Optional.of("no " + ATTRIBUTE + " attribute: not a Flotilla member (a plain Hazelcast member?)");
        }
        if (secret == null) {
            return Optional.empty();
        }
        if (!value.startsWith(SIGNED)) {
            return Optional.of("its " + ATTRIBUTE + " attribute is not signed: it does not know the member secret");
        }
        byte[] presented = value.substring(SIGNED.length()).getBytes(StandardCharsets.US_ASCII);
        Address address = member.getAddress();
        for (String host : hostSpellings(address)) {
            byte[] expected = sign(secret, clusterName, host + ":" + address.getPort()).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, presented)) {
                return Optional.empty();
            }
        }
        return Optional.of("its " + ATTRIBUTE + " signature does not match its address under the member secret");
    }

    /** The host as Hazelcast reports it and as an IP literal: a member may announce either. */
    private static java.util.Set<String> hostSpellings(Address address) {
        java.util.Set<String> hosts = new java.util.LinkedHashSet<>();
        hosts.add(address.getHost());
        try {
            hosts.add(address.getInetAddress().getHostAddress());
        } catch (UnknownHostException e) {
            // the reported host is all there is
        }
        return hosts;
    }

    /** {@code host:port} as other members will see it: the public address if set, else the bind address. */
    static String announcedAddress(GridConfig config) {
        if (config.publicAddress() != null) {
            String pub = config.publicAddress();
            int colon = pub.lastIndexOf(':');
            boolean hasPort = colon > 0 && pub.indexOf(':') == colon;
            return hasPort ? pub : pub + ":" + config.port();
        }
        String host = config.bindAddress();
        try {
            host = InetAddress.getByName(host).getHostAddress();
        } catch (UnknownHostException e) {
            // Hazelcast will fail to bind it and say so; sign what was configured
        }
        return host + ":" + config.port();
    }

    private static String sign(String secret, String clusterName, String address) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((clusterName + "\n" + address).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
