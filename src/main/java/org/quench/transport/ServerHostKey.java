package org.quench.transport;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * A host key as the server presented it: the SSH wire blob, its algorithm name and its OpenSSH
 * fingerprint. Used in host-key error messages and by {@link HostKeyTrust}.
 */
public record ServerHostKey(String type, byte[] blob) {

    /** Reads the algorithm name from the blob itself (its first length-prefixed string). */
    public static ServerHostKey fromBlob(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        int len = b.getInt();
        if (len <= 0 || len > 64 || len > blob.length - 4) throw new IllegalArgumentException("not an SSH public key blob");
        return new ServerHostKey(new String(blob, 4, len, StandardCharsets.US_ASCII), blob.clone());
    }

    public static ServerHostKey fromBase64(String base64) {
        return fromBlob(Base64.getDecoder().decode(base64));
    }

    /** {@code SHA256:} and the unpadded base64 of the blob's SHA-256, exactly as {@code ssh-keygen -l} prints it. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Whether {@code fingerprint} names this key ("SHA256:…" or just the base64, padding optional). */
    public boolean matches(String fingerprint) {
        String want = fingerprint.trim();
        if (!want.startsWith("SHA256:")) want = "SHA256:" + want;
        want = want.replaceAll("=+$", "");
        return want.equals(fingerprint());
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(blob);
    }

    /** Short type for messages: {@code ED25519}, {@code ECDSA}, {@code RSA}. */
    public String shortType() {
        if (type.equals("ssh-ed25519")) return "ED25519";
        if (type.startsWith("ecdsa-")) return "ECDSA";
        if (type.equals("ssh-rsa")) return "RSA";
        return type;
    }

    /** A known_hosts line: {@code [addr]:port type base64}, or plain {@code addr} for port 22, as OpenSSH writes it. */
    public String knownHostsLine(String host, int port) {
        return KnownHostsStore.hostPattern(host, port) + " " + type + " " + base64();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerHostKey k && k.type.equals(type) && Arrays.equals(k.blob, blob);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(blob);
    }

    @Override
    public String toString() {
        return shortType() + " " + fingerprint();
    }
}
