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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.rate-limits} (check): the rate delay of each remote transport
 * ({@code TRANSPORT_destination_rate_delay}, e.g. {@code smtp_destination_rate_delay}; unset told
 * apart from set) and the rate-limit record ({@value RateLimitState#PATH}), in one command.
 *
 * <p>Returns {@code {transports, settings: {PARAM: {set, value}}, state: {present, delay,
 * previous}}}.
 */
public final class RateLimitsModule implements StepModule {
    static final String NAME = "postfix.rate-limits";
    static final String SEP = "--quench-section--";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("transports"), Set.of("transports"),
                "the per-destination rate delay of each remote transport and the rate-limit record");
    }

    static String readCommand(List<String> parameters) {
        return "postconf -n " + String.join(" ", parameters) + " && echo " + SEP + " && { cat "
                + ShellQuote.quote(RateLimitState.PATH) + " 2>/dev/null || true; }";
    }

    static List<String> parameters(String module, List<String> transports) {
        if (transports.isEmpty()) {
            throw new IllegalArgumentException(module + ": `transports` is empty: no transport hands mail to other hosts here"
                    + " (see postfix.outbound's kept), so there is nothing to rate-limit");
        }
        List<String> out = new ArrayList<>();
        for (String t : transports) {
            try {
                out.add(RateLimitState.parameter(t));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(module + ": " + e.getMessage());
            }
        }
        return out;
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        List<String> transports = new StepArguments(NAME, args).list("transports");
        List<String> parameters = parameters(NAME, transports);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(readCommand(parameters), null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("transports", transports);
                m.putAll(read(ctx, NAME, parameters));
                return m;
            }
        };
    }

    /** {@code {settings, state}} as the host has them now (also what the actions re-read before changing anything). */
    static Map<String, Object> read(ModuleContext ctx, String module, List<String> parameters) throws ModuleFailure, TransportException {
        String[] parts = OutboundModule.sections(HostRead.stdout(ctx, module, readCommand(parameters), "read the rate delays"));
        if (parts.length != 2) throw new ModuleFailure(module + ": unexpected output reading the rate delays; nothing was changed");
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("settings", RateLimitState.toMap(RateLimitState.ofPostconfN(parameters, parts[0])));
            m.put("state", parts[1].isBlank() ? new LinkedHashMap<>(Map.of("present", false)) : RateLimitState.parse(parts[1]).toMap());
            return m;
        } catch (IllegalArgumentException e) {
            throw new ModuleFailure(module + ": " + e.getMessage() + "; nothing was changed");
        }
    }
}
