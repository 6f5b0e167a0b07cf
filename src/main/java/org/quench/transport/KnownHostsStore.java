package org.quench.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * known_hosts files parsed once per process and shared by every connection: parsing a large file
 * costs ~100 ms, too much to pay per host in a 200-host run. A file changed on disk (for example by
 * {@code quench trust}) is parsed again on next use.
 *
 * <p>JSch does the parsing, so hashed entries ({@code |1|salt|hash}), {@code [host]:port} entries,
 * patterns and {@code @revoked} markers behave as JSch implements them. The shared repository is
 * read-only: nothing ever adds keys to it behind the engineer's back.
 */
final class KnownHostsStore {
    private static final ConcurrentHashMap<Path, Loaded> CACHE = new ConcurrentHashMap<>();

    private record Loaded(HostKeyRepository repository, long modified, long size) {}

    private KnownHostsStore() {}

    /** The repository for {@code file} (empty when the file does not exist yet). */
    static HostKeyRepository forFile(Path file) throws TransportException {
        Path key = file.toAbsolutePath().normalize();
        long[] stamp = stamp(key);
        Loaded cached = CACHE.get(key);
        if (cached != null && cached.modified == stamp[0] && cached.size == stamp[1]) return cached.repository;
        synchronized (KnownHostsStore.class) {
            cached = CACHE.get(key);
            if (cached != null && cached.modified == stamp[0] && cached.size == stamp[1]) return cached.repository;
            Loaded loaded = new Loaded(new ReadOnly(parse(key)), stamp[0], stamp[1]);
            CACHE.put(key, loaded);
            return loaded.repository;
        }
    }

    /** A fresh, unshared parse (for {@link HostKeyTrust#add}, which must see the file as it is now). */
    static HostKeyRepository parse(Path file) throws TransportException {
        JSch jsch = new JSch();
        if (Files.exists(file)) {
            try {
                jsch.setKnownHosts(file.toString());
            } catch (JSchException e) {
                throw new TransportException(TransportException.Reason.OTHER,
                        "cannot read known hosts file " + file + ": " + e.getMessage(), e);
            }
        }
        return jsch.getHostKeyRepository();
    }

    static void forget(Path file) {
        CACHE.remove(file.toAbsolutePath().normalize());
    }

    /** How OpenSSH names a host in known_hosts: {@code host} on port 22, else {@code [host]:port}. */
    static String hostPattern(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }

    /** The keys the repository holds for {@code host} ("[addr]:port" form), of any type. */
    static List<ServerHostKey> keysFor(HostKeyRepository repo, String host) {
        List<ServerHostKey> out = new ArrayList<>();
        HostKey[] keys = repo.getHostKey(host, null);
        if (keys == null) return out;
        for (HostKey k : keys) {
            if (k.getMarker() != null && !k.getMarker().isEmpty()) continue; // @revoked, @cert-authority
            try {
                out.add(ServerHostKey.fromBase64(k.getKey()));
            } catch (RuntimeException unreadable) {
                // a line JSch kept but we cannot decode: it cannot be the one shown to the engineer
            }
        }
        return out;
    }

    private static long[] stamp(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new long[] {a.lastModifiedTime().toMillis(), a.size()};
        } catch (IOException missing) {
            return new long[] {-1, -1};
        }
    }

    /**
     * Shares one parsed file between threads. JSch's KnownHosts was written for one session at a
     * time (its hashed-entry check reuses one MAC), so checks are serialised; each takes
     * microseconds. Writes are refused: trusting a key is the explicit {@code quench trust}.
     */
    private static final class ReadOnly implements HostKeyRepository {
        private final HostKeyRepository delegate;

        ReadOnly(HostKeyRepository delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized int check(String host, byte[] key) {
            return delegate.check(host, key);
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // never: StrictHostKeyChecking=yes means JSch does not ask, and quench trusts keys only via HostKeyTrust
        }

        @Override
        public void remove(String host, String type) {}

        @Override
        public void remove(String host, String type, byte[] key) {}

        @Override
        public String getKnownHostsRepositoryID() {
            return delegate.getKnownHostsRepositoryID();
        }

        @Override
        public synchronized HostKey[] getHostKey() {
            return delegate.getHostKey();
        }

        @Override
        public synchronized HostKey[] getHostKey(String host, String type) {
            return delegate.getHostKey(host, type);
        }
    }
}
