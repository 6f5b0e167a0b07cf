package org.quench.mail.detect;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.audit.BreadthLimit;
import org.quench.mail.audit.DriftFinding;
import org.quench.mail.audit.OpenRelay;
import org.quench.mail.audit.RelayDrift;
import org.quench.mail.audit.TrustResults;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: mail.relay-drift} — the host's effective trusted networks ({@code trust}, the result of
 * a {@code postfix.trust} step) against the inventory's {@code approved_relays} ({@link RelayDrift}: unapproved,
 * too broad, open relay), plus restriction lists that relay for anyone ({@link OpenRelay}, read
 * with one {@code postconf} command). Returns {@code {relayDrift: [{entry, problem, detail}],
 * approved}}.
 */
public final class RelayDriftModule implements StepModule {
    public static final String NAME = "mail.relay-drift";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("trust", "approved", "max_prefix_v4", "max_prefix_v6"),
                Set.of("trust"), "trusted networks vs approved_relays (unapproved, too broad, open relay) and open-relay restriction lists");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        EffectiveTrust trust = TrustResults.from(args.get("trust"), NAME);
        BreadthLimit limit = new BreadthLimit((int) with.number("max_prefix_v4", BreadthLimit.DEFAULT.ipv4()),
                (int) with.number("max_prefix_v6", BreadthLimit.DEFAULT.ipv6()));
        // `approved` overrides the host var (e.g. -e for a one-off check); the inventory is the usual source.
        List<String> given = with.list("approved");
        List<Cidr> approved = RelayDrift.approved(given.isEmpty() && host != null
                ? host.vars().get("approved_relays") : given);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(OpenRelay.readCommand(), null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                ExecResult r = ctx.exec(OpenRelay.readCommand(), null, ctx.timeout());
                if (!r.ok()) {
                    throw new ModuleFailure("reading the restriction lists failed (exit " + r.exitCode() + "): " + r.stderr().strip());
                }
                List<DriftFinding> findings = new ArrayList<>(RelayDrift.evaluate(trust, approved, limit));
                findings.addAll(OpenRelay.evaluate(r.stdout()));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("relayDrift", findings.stream().map(DriftFinding::toMap).toList());
                out.put("approved", approved.stream().map(Cidr::text).toList());
                return out;
            }
        };
    }
}
