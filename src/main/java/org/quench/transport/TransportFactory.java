package org.quench.transport;

import org.quench.inventory.Host;

/**
 * Opens the right transport for a host: {@link LocalTransport} for {@code ansible_connection: local}
 * (or {@code connection: local}), otherwise a connected {@link SshTransport}.
 */
public class TransportFactory {

    /** Connects now (for SSH), so an unreachable host or a key problem fails here, before any step. */
    public Transport open(Host host, SshOptions options) throws TransportException {
        if (host.isLocal()) return new LocalTransport();
        return SshTransport.connect(host, options);
    }
}
