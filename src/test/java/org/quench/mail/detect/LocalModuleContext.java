package org.quench.mail.detect;

import org.quench.engine.ModuleContext;
import org.quench.inventory.Host;
import org.quench.transport.ExecResult;
import org.quench.transport.LocalTransport;
import org.quench.transport.TransportException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A module context over this machine (the lab runs here), recording every command it ran. */
public final class LocalModuleContext implements ModuleContext {
    public final LocalTransport transport = new LocalTransport();
    public final List<String> commands = new ArrayList<>();
    final Host host = new Host("lab", Map.of("ansible_connection", "local"), List.of());

    @Override
    public Host host() {
        return host;
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout) throws TransportException {
        commands.add(command);
        return transport.exec(command, stdin, timeout);
    }

    @Override
    public ExecResult stream(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException {
        commands.add(command);
        return transport.exec(command, stdin, timeout, stdout);
    }

    @Override
    public Duration timeout() {
        return Duration.ofSeconds(120);
    }

    @Override
    public String mask(String text) {
        return text;
    }

    @Override
    public void registerSecret(String value) {
    }

    @Override
    public void saveEvidence(String name, String content) {
    }
}
