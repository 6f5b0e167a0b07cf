package org.quench.engine;

import org.quench.inventory.Host;
import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What every step on one host shares: the host, its single reused connection, its generated
 * secrets, its findings and whether it can still take commands.
 */
final class HostContext {
    final Host host;
    final Map<String, String> secrets;
    final Findings findings = new Findings();
    private final TransportOpener opener;
    private Transport transport;
    /** Set once the connection died or could not be made: no later command uses it. */
    private TransportException broken;

    /** What steps share on this host for the run (see {@link ModuleContext#hostState}). */
    private final Map<Class<?>, Object> state = new ConcurrentHashMap<>();

    private final RunJournal journal;
    private final SecretVault vault;

    HostContext(Host host, Map<String, String> secrets, TransportOpener opener, RunJournal journal, SecretVault vault) {
        this.host = host;
        this.secrets = secrets;
        this.opener = opener;
        this.journal = journal;
        this.vault = vault;
    }

    /** The first {@code status: pending-…} of a verify that did not hold on this host. */
    private volatile String pendingStatus;

    void pending(String status) {
        if (pendingStatus == null) pendingStatus = status;
    }

    String pendingStatus() {
        return pendingStatus;
    }

    <T> T state(Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(type, t -> create.get()));
    }

    /** Runs {@code command} on the quench machine itself, journaled under "HOST (local)". */
    ExecResult execLocal(String command, byte[] stdin, java.time.Duration timeout) throws org.quench.transport.TransportException {
        return new JournaledTransport(new org.quench.transport.LocalTransport(), host.name() + " (local)", journal, vault)
                .exec(command, stdin, timeout);
    }

    void evidence(String name, String content) {
        journal.evidence(host.name(), name, vault.mask(content));
    }

    Transport transport() throws TransportException {
        if (broken != null) throw broken;
        if (transport == null) {
            try {
                transport = new JournaledTransport(opener.open(host), host.name(), journal, vault);
            } catch (TransportException e) {
                broken = e;
                throw e;
            }
        }
        return transport;
    }

    void markBroken(TransportException e) {
        broken = e;
        closeQuietly();
    }

    boolean isBroken() {
        return broken != null;
    }

    /**
     * A second chance for post.always after the connection died mid-step: cleanup (releasing a
     * hold, the host lock) matters most exactly then. Only connection-level failures qualify.
     */
    boolean reconnectForCleanup() {
        if (broken == null) return true;
        TransportException.Reason r = broken.reason();
        if (r != TransportException.Reason.CONNECTION_LOST && r != TransportException.Reason.TIMEOUT) return false;
        broken = null;
        closeQuietly();
        try {
            transport();
            return true;
        } catch (TransportException e) {
            return false;
        }
    }

    void closeQuietly() {
        if (transport != null) {
            try {
                transport.close();
            } catch (RuntimeException ignored) {
                // closing a dead connection has nothing left to report
            }
            transport = null;
        }
    }
}
