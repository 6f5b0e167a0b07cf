package org.quench.mail.contain;

import org.quench.engine.ModuleContext;
import org.quench.inventory.Host;
import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;

/**
 * A module context over a real transport that remembers every command line sent (exactly as it
 * would cross SSH), the evidence saved and the secrets registered — so tests can prove what reached
 * the host and what never did.
 */
final class RecordingContext implements ModuleContext {
    final Transport transport;
    final Host host;
    final List<String> commands = new ArrayList<>();
    final Map<String, String> evidence = new LinkedHashMap<>();
    final List<String> secrets = new ArrayList<>();
    /** Shared by every step run through this context, as the engine shares it within one run on one host. */
    final Map<Class<?>, Object> state = new HashMap<>();

    RecordingContext(Transport transport, Host host) {
        this.transport = transport;
        this.host = host;
    }

    RecordingContext(Transport transport) {
        this(transport, new Host("mx1", Map.of("ansible_connection", "local"), List.of()));
    }

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
        String out = text;
        for (String s : secrets) out = out.replace(s, "********");
        return out;
    }

    @Override
    public void registerSecret(String value) {
        secrets.add(value);
    }

    @Override
    public <T> T hostState(Class<T> type, Supplier<T> create) {
        return type.cast(state.computeIfAbsent(type, t -> create.get()));
    }

    @Override
    public void saveEvidence(String name, String content) {
        evidence.put(name, content);
    }
}
