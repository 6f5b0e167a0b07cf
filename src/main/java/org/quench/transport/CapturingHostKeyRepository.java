package org.quench.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.UserInfo;

/**
 * Wraps a known-hosts repository for one connection and remembers what the server presented and
 * what the check said. JSch's own host-key exceptions carry neither the key nor a usable
 * fingerprint; the engineer needs both (and the command to trust it).
 */
final class CapturingHostKeyRepository implements HostKeyRepository {
    private final HostKeyRepository delegate;
    private volatile String checkedHost;
    private volatile ServerHostKey presented;
    private volatile int result = -1;

    CapturingHostKeyRepository(HostKeyRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public int check(String host, byte[] key) {
        checkedHost = host;
        try {
            presented = ServerHostKey.fromBlob(key);
        } catch (RuntimeException e) {
            presented = null;
        }
        result = delegate.check(host, key);
        return result;
    }

    /** The name looked up in known_hosts, e.g. {@code [127.0.0.5]:2222}; null before the check. */
    String checkedHost() {
        return checkedHost;
    }

    ServerHostKey presented() {
        return presented;
    }

    /** OK, NOT_INCLUDED or CHANGED; -1 when no check happened (the connection failed earlier). */
    int result() {
        return result;
    }

    HostKeyRepository delegate() {
        return delegate;
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) {
        // Never trust on first use: see HostKeyTrust.
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
    public HostKey[] getHostKey() {
        return delegate.getHostKey();
    }

    @Override
    public HostKey[] getHostKey(String host, String type) {
        return delegate.getHostKey(host, type);
    }
}
