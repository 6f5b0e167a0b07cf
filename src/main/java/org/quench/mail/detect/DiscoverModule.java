package org.quench.mail.detect;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: mail.discover} — "discover, don't ask": what a mail host runs, read from the host in
 * one round trip (Postfix version and log, Dovecot passdb, platform CLIs), so a plain Postfix +
 * Dovecot host needs only its address in the inventory. The step's {@code with:} and then the
 * inventory's host vars ({@code mail_log}, {@code platform}) override what is discovered.
 * Returns {@link HostFacts#toMap()}.
 */
public final class DiscoverModule implements StepModule {
    public static final String NAME = "mail.discover";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("mail_log", "platform"), Set.of(),
                "what the mail host runs: Postfix version and log files (or journald), Dovecot passdb, platform");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        List<String> overrides = with.list("mail_log");
        if (overrides.isEmpty() && host != null && host.vars().get("mail_log") != null) {
            Map<String, Object> fromInventory = new HashMap<>();
            fromInventory.put("mail_log", host.vars().get("mail_log"));
            overrides = new StepArguments(NAME, fromInventory).list("mail_log");
        }
        String platform = with.string("platform");
        if (platform == null && host != null) {
            platform = host.var("platform");
        }
        DiscoveryProbe probe = new DiscoveryProbe(overrides);
        String script = probe.script();
        String platformOverride = platform == null || platform.isBlank() ? null : platform;
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand("sh -s", "discovery probe (postconf, doveconf, log listing)"));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                // The script goes on stdin: nothing of it needs a second level of quoting.
                ExecResult r = ctx.exec("sh -s", script.getBytes(java.nio.charset.StandardCharsets.UTF_8), ctx.timeout());
                if (!r.ok()) {
                    throw new ModuleFailure("discovery probe failed (exit " + r.exitCode() + "): " + r.stderr().strip());
                }
                return probe.read(r.stdout(), platformOverride).toMap();
            }
        };
    }
}
