package org.quench.engine;

import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.io.OutputStream;
import java.time.Duration;

/** Passes every command to the run journal (masked) with its exit code and duration. */
final class JournaledTransport implements Transport {
    private final Transport inner;
    private final String host;
    private final RunJournal journal;
    private final SecretVault vault;

    JournaledTransport(Transport inner, String host, RunJournal journal, SecretVault vault) {
        this.inner = inner;
        this.host = host;
        this.journal = journal;
        this.vault = vault;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException {
        long started = System.nanoTime();
        try {
            ExecResult r = inner.exec(command, stdin, timeout, stdout);
            journal.commandRan(host, vault.mask(command), r.exitCode(), r.durationMs());
            return r;
        } catch (TransportException e) {
            journal.commandRan(host, vault.mask(command), null, (System.nanoTime() - started) / 1_000_000);
            throw e;
        }
    }

    @Override
    public String describe() {
        return inner.describe();
    }

    @Override
    public void close() {
        inner.close();
    }
}
