package dev.flotilla.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and a node certificate it signs for {@code 127.0.0.1} and {@code localhost}, made at test time with
 * the JDK's {@code keytool}: {@code ca.pem} (what a client trusts), {@code node.p12} (PKCS12 key store: the node's
 * key and chain), and the same key and chain as PEM ({@code node-key.pem}, {@code node-chain.pem}).
 */
record TestCertificates(Path caPem, Path nodeP12, Path nodeKeyPem, Path nodeChainPem, String password) {

    static TestCertificates make(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        String pw = "test-" + Long.toHexString(System.nanoTime());
        Path ca = dir.resolve("ca.p12");
        Path node = dir.resolve("node.p12");
        Path caPem = dir.resolve("ca.pem");
        Path csr = dir.resolve("node.csr");
        Path signed = dir.resolve("node-signed.pem");
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=flotilla test CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", ca.toString(), "-storetype", "PKCS12", "-storepass", pw);
        keytool(dir, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-file", caPem.toString());
        keytool(dir, "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-validity", "2", "-keystore", node.toString(), "-storetype", "PKCS12", "-storepass", pw);
        keytool(dir, "-certreq", "-alias", "node", "-keystore", node.toString(), "-storepass", pw, "-file", csr.toString());
        keytool(dir, "-gencert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-storepass", pw, "-infile", csr.toString(),
                "-outfile", signed.toString(), "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-ext", "eku=serverAuth", "-ext", "ku=digitalSignature");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", node.toString(),
                "-storepass", pw);
        keytool(dir, "-importcert", "-noprompt", "-alias", "node", "-file", signed.toString(), "-keystore", node.toString(),
                "-storepass", pw);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(node)) {
            store.load(in, pw.toCharArray());
        }
        Key key = store.getKey("node", pw.toCharArray());
        Path keyPem = dir.resolve("node-key.pem");
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        StringBuilder chain = new StringBuilder();
        for (Certificate certificate : store.getCertificateChain("node")) {
            chain.append(pem("CERTIFICATE", certificate.getEncoded()));
        }
        Path chainPem = dir.resolve("node-chain.pem");
        Files.writeString(chainPem, chain);
        return new TestCertificates(caPem, node, keyPem, chainPem, pw);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void keytool(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
