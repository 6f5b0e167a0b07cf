package org.quench.engine;

import org.quench.inventory.Host;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Supplier;

/** What a module may use while it executes: the host's connection, masking and evidence. */
public interface ModuleContext {
    Host host();

    /** Runs a command on the host (the one reused connection), recorded in the run's command log. */
    ExecResult exec(String command, byte[] stdin, Duration timeout) throws TransportException;

    /** Like {@link #exec} with stdout streamed to {@code stdout} instead of collected. */
    ExecResult stream(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException;

    /**
     * Runs a command on the machine quench runs on, not the host: a site's own script that must
     * run where its credentials are (an LDAP/AD password hook on the admin machine). Recorded in
     * the run's command log under "HOST (local)". A test double may run it with a plain
     * {@link org.quench.transport.LocalTransport}.
     */
    default ExecResult execLocal(String command, byte[] stdin, Duration timeout) throws TransportException {
        return new org.quench.transport.LocalTransport().exec(command, stdin, timeout);
    }

    /** The step's timeout, or the run's default. */
    Duration timeout();

    /** Hides every secret of the run in {@code text}. */
    String mask(String text);

    /** Makes a value secret for the rest of the run: masked everywhere from now on. */
    void registerSecret(String value);

    /** Keeps a file in the run record (evidence before a purge); masked, never executed. */
    void saveEvidence(String name, String content);

    /**
     * State that the steps of one run on this host share, one object per {@code type}, made by
     * {@code create} on first use (e.g. queue envelopes already read). Gone with the run. A context
     * that keeps no state (a test double) may hand out a fresh object every time.
     */
    default <T> T hostState(Class<T> type, Supplier<T> create) {
        return create.get();
    }
}
