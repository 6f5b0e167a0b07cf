package org.quench.engine;

import org.quench.inventory.Host;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

/** Opens the connection to a host (SSH or local); the CLI wires the real factory in. */
@FunctionalInterface
public interface TransportOpener {
    Transport open(Host host) throws TransportException;
}
