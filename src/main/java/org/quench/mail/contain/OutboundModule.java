package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.expr.ShellQuote;
import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.outbound} (check): what a freeze would defer and what is deferred now. Reads
 * {@code postconf -n defer_transports}, {@code postconf -M}, {@code postconf -P}, main.cf's
 * {@code content_filter} and the freeze state file in one command.
 *
 * <p>Returns {@code {remote: [transports a freeze defers], kept: {transport: why it keeps
 * running}, deferTransports: {set, value, names}, frozen: every remote transport is deferred,
 * state: {present, previous: {set, value, names}, deferred} }}.
 */
public final class OutboundModule implements StepModule {
    static final String NAME = "postfix.outbound";
    private static final String SEP = "--quench-section--";
    static final String READ = "postconf -n defer_transports && echo " + SEP + " && postconf -M && echo " + SEP
            + " && postconf -P && echo " + SEP + " && postconf -h content_filter && echo " + SEP + " && { cat "
            + ShellQuote.quote(FreezeState.PATH) + " 2>/dev/null || true; }";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of(), Set.of(),
                "the transports that hand mail to other hosts, the current defer_transports and the freeze state");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(READ, null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                return read(ctx, NAME);
            }
        };
    }

    /** The read's output cut at its separator lines (a missing final newline is fine). */
    static String[] sections(String out) {
        List<String> parts = new java.util.ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : out.lines().toList()) {
            if (line.strip().equals(SEP)) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(line).append('\n');
            }
        }
        parts.add(cur.toString());
        return parts.toArray(String[]::new);
    }

    /** The host's outbound picture (also what the freeze and thaw re-read before changing anything). */
    static Map<String, Object> read(ModuleContext ctx, String module) throws ModuleFailure, TransportException {
        String out = HostRead.stdout(ctx, module, READ, "read the Postfix transports");
        String[] parts = sections(out);
        if (parts.length != 5) {
            throw new ModuleFailure(module + ": unexpected output reading the transports (" + parts.length + " sections); nothing was changed");
        }
        try {
            DeferTransports now = DeferTransports.ofPostconfN(parts[0]);
            OutboundTransports t = OutboundTransports.of(parts[1], parts[2], parts[3]);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("remote", t.remote());
            m.put("kept", new LinkedHashMap<>(t.kept()));
            m.put("deferTransports", now.toMap());
            m.put("frozen", !t.remote().isEmpty() && now.names().containsAll(t.remote()));
            if (parts[4].isBlank()) {
                m.put("state", new LinkedHashMap<>(Map.of("present", false)));
            } else {
                m.put("state", FreezeState.parse(parts[4]).toMap());
            }
            return m;
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure(module + ": " + e.getMessage() + "; nothing was changed");
        }
    }
}
