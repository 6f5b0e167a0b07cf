package org.quench.engine;

import org.quench.inventory.Host;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.function.Supplier;

/** A module's view of its host: the shared connection, the run's secrets and its evidence. */
final class HostModuleContext implements ModuleContext {
    private final HostContext hc;
    private final SecretVault vault;
    private final Duration timeout;

    HostModuleContext(HostContext hc, SecretVault vault, Duration timeout) {
        this.hc = hc;
        this.vault = vault;
        this.timeout = timeout;
    }

    @Override
    public Host host() {
        return hc.host;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) throws TransportException {
        return hc.transport().exec(command, stdin, timeout);
    }

    @Override
    public ExecResult stream(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException {
        return hc.transport().exec(command, stdin, timeout, stdout);
    }

    @Override
    public ExecResult execLocal(String command, byte[] stdin, Duration timeout) throws TransportException {
        return hc.execLocal(command, stdin, timeout);
    }

    @Override
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String mask(String text) {
        return vault.mask(text);
    }

    @Override
    public void registerSecret(String value) {
        vault.register(value);
    }

    @Override
    public <T> T hostState(Class<T> type, Supplier<T> create) {
        return hc.state(type, create);
    }

    @Override
    public void saveEvidence(String name, String content) {
        hc.evidence(name, content);
    }
}
