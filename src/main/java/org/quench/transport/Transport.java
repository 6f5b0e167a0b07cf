package org.quench.transport;

import java.io.OutputStream;
import java.time.Duration;

/**
 * Runs shell commands on one host. One instance per host per run, reused by all that host's steps
 * (for SSH: one authenticated connection, a new channel per command). Implementations are used by
 * one thread at a time.
 */
public interface Transport extends AutoCloseable {

    /**
     * Runs {@code command} through the host's login shell.
     *
     * @param stdin   bytes written to the command's stdin, then closed (null: empty stdin)
     * @param timeout the command is stopped and {@link TransportException} thrown after this long
     * @param stdout  where stdout goes as it arrives; null collects it into the result
     */
    ExecResult exec(String command, byte[] stdin, Duration timeout, OutputStream stdout)
            throws TransportException;

    default ExecResult exec(String command, byte[] stdin, Duration timeout) throws TransportException {
        return exec(command, stdin, timeout, null);
    }

    /** Short human description, e.g. {@code ssh root@127.0.0.1:2222} or {@code local}. */
    String describe();

    @Override
    void close();
}
