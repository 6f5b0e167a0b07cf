package org.quench.mail.contain;

import org.quench.engine.ModuleContext;
import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.io.OutputStream;
import java.time.Duration;

/**
 * A module's context seen as a {@link Transport}, so the queue library runs its commands through
 * the step's journaled connection (every postqueue/postcat/postsuper lands in the run record).
 * Closing it does nothing: the connection belongs to the run. Public for the detection modules,
 * which read the queue too.
 */
public final class ContextTransport implements Transport {
    private final ModuleContext ctx;

    public ContextTransport(ModuleContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException {
        return stdout == null ? ctx.exec(command, stdin, timeout) : ctx.stream(command, stdin, timeout, stdout);
    }

    @Override
    public String describe() {
        return ctx.host().name();
    }

    @Override
    public void close() {
    }
}
