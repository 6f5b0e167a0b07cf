package org.quench.mail.trust;

import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

/**
 * Runs one read-only command on the host: a step's {@code ModuleContext} (journaled) or a bare
 * {@code Transport}, e.g. {@code c -> ctx.exec(c, null, ctx.timeout())}.
 */
@FunctionalInterface
public interface HostShell {
    ExecResult run(String command) throws TransportException;
}
