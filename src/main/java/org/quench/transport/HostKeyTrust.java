package org.quench.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.quench.inventory.Host;
import org.quench.transport.TransportException.Reason;

/**
 * What {@code quench trust HOST [--fingerprint SHA256:…]} needs: the key a server presents, fetched
 * without logging in and without trusting it, and an explicit append to a known_hosts file.
 */
public final class HostKeyTrust {
    private HostKeyTrust() {}

    /** Where a host's key was fetched from, and the name it goes under in known_hosts. */
    public record Fetched(String address, int port, ServerHostKey key) {
        public String knownHostsName() {
            return KnownHostsStore.hostPattern(address, port);
        }
    }

    /** The known_hosts file a connection to this host verifies against, so trust writes where it will be read. */
    public static Path knownHostsFileFor(Host host, SshOptions options) throws TransportException {
        return SshTarget.resolve(host, options).knownHosts();
    }

    /** The key presented by an inventory host (address and port resolved as for a connection; no jump hosts). */
    public static Fetched fetch(Host host, SshOptions options) throws TransportException {
        SshTarget t = SshTarget.resolve(host, options);
        if (!t.jumps().isEmpty()) {
            throw new TransportException(Reason.OTHER, t.label() + ": fetching a host key through a jump host is not supported;"
                    + " add the key with ssh-keyscan from the jump host, after checking it");
        }
        return new Fetched(t.address(), t.port(), fetch(t.address(), t.port(), options.connectTimeout()));
    }

    /**
     * Runs the key exchange with {@code address:port} and returns the host key the server proved it
     * holds. Stops right after: no authentication is attempted and nothing is written anywhere.
     */
    public static ServerHostKey fetch(String address, int port, Duration timeout) throws TransportException {
        Capture capture = new Capture();
        Session s = null;
        try {
            s = SshConnector.newSession("quench-trust", address, port, capture, (int) timeout.toMillis(), null);
            s.connect((int) timeout.toMillis());
        } catch (JSchException e) {
            if (capture.key != null) return capture.key; // expected: the key was refused, so no login happened
            SshTarget t = new SshTarget(address + ":" + port, address, address, port, "quench-trust", List.of(), null, List.of(),
                    Path.of("-"), null);
            throw SshFailures.connectFailed(e, t, new CapturingHostKeyRepository(capture), null, (int) timeout.toMillis());
        } finally {
            if (s != null) s.disconnect();
        }
        throw new TransportException(Reason.OTHER, address + ":" + port + ": the server completed a login without presenting a host key");
    }

    /**
     * Appends {@code key} for {@code host:port} to {@code knownHostsFile} in OpenSSH's format
     * ({@code [host]:port} when the port is not 22), creating the file with mode 0600 (and its
     * directory 0700) when needed.
     *
     * @return false when that exact key was already trusted (nothing written)
     * @throws TransportException (HOST_KEY_CHANGED) when the file already holds a different key of
     *                            the same type for that host: replacing a key is a decision for a
     *                            person, after checking, with {@code ssh-keygen -R}
     */
    public static boolean add(Path knownHostsFile, String host, int port, ServerHostKey key) throws TransportException, IOException {
        String name = KnownHostsStore.hostPattern(host, port);
        HostKeyRepository current = KnownHostsStore.parse(knownHostsFile);
        int state = current.check(name, key.blob());
        if (state == HostKeyRepository.OK) return false;
        if (state == HostKeyRepository.CHANGED) {
            String old = KnownHostsStore.keysFor(current, name).stream().filter(k -> k.type().equals(key.type()))
                    .map(ServerHostKey::toString).collect(Collectors.joining(", "));
            throw new TransportException(Reason.HOST_KEY_CHANGED, knownHostsFile + " already has " + old + " for " + name
                    + ", not " + key + ". Refusing to add a second key: if the host really changed its key, remove the old one"
                    + " with ssh-keygen -R '" + name + "' -f " + knownHostsFile + " and trust again.");
        }
        Path dir = knownHostsFile.toAbsolutePath().getParent();
        if (dir != null && !Files.exists(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        if (!Files.exists(knownHostsFile)) {
            Files.createFile(knownHostsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        String line = key.knownHostsLine(host, port) + "\n";
        long size = Files.size(knownHostsFile);
        if (size > 0 && !endsWithNewline(knownHostsFile)) line = "\n" + line;
        Files.writeString(knownHostsFile, line, StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
        KnownHostsStore.forget(knownHostsFile);
        return true;
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (var ch = Files.newByteChannel(file)) {
            ch.position(ch.size() - 1);
            var b = java.nio.ByteBuffer.allocate(1);
            ch.read(b);
            return b.get(0) == '\n';
        }
    }

    /** Knows no key, so JSch stops after the key exchange; keeps the key it was shown. */
    private static final class Capture implements HostKeyRepository {
        volatile ServerHostKey key;

        @Override
        public int check(String host, byte[] blob) {
            key = ServerHostKey.fromBlob(blob);
            return NOT_INCLUDED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {}

        @Override
        public void remove(String host, String type) {}

        @Override
        public void remove(String host, String type, byte[] key) {}

        @Override
        public String getKnownHostsRepositoryID() {
            return "quench trust";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }
}
