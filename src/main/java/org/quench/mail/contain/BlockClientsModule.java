package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.expr.ShellQuote;
import org.quench.inventory.Host;
import org.quench.mail.config.ConfigBackup;
import org.quench.mail.config.ConfigFile;
import org.quench.mail.config.EffectiveRestriction;
import org.quench.mail.config.PostfixChange;
import org.quench.mail.config.PostfixChange.Step;
import org.quench.mail.config.ReplaceFileCommand;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.block-clients}: refuses SMTP from the given client addresses (the brute-force IPs
 * of a compromised-account incident) on every smtpd service, port 25 and submission alike, with
 * {@code check_client_access cidr:MAP} first in {@code smtpd_client_restrictions} — in main.cf and
 * in each master.cf service that overrides it — so no {@code permit_sasl_authenticated} before it
 * lets a client with a guessed password through. Postfix evaluates client restrictions at RCPT TO
 * (smtpd_delay_reject), so a blocked client gets {@code 554 5.7.1 … Client host rejected: REASON}
 * for every recipient; its AUTH attempts still reach the SASL backend.
 *
 * <p>One all-or-nothing change ({@link PostfixChange}): back up main.cf, master.cf and the table →
 * write the table (entries not there yet) → put the restriction first where it is not →
 * {@code postfix check} → probe the table with {@code postmap -q} (every address must map to
 * REJECT, and Postfix must not warn about any line) and re-read the restriction everywhere →
 * {@code postfix reload}. Any failure restores the backups. The table is written before any
 * restriction names it: a new smtpd reads main.cf when it starts, reload or not.
 *
 * <p>Addresses are validated before anything is planned; networks need {@code allow_cidr: true};
 * the server itself, {@code approved_relays} and (when it runs) {@code mynetworks} are refused —
 * or, with {@code skip_protected: true} (the runbook's choice: webmail logins mistyped on the
 * server itself look like brute force from 127.0.0.1), skipped and reported.
 * Plain Postfix only: see {@link ClientBlockPlatform}.
 *
 * <p>Returns {@code {blocked, already, map, backup, skipped}}: addresses added, addresses already
 * in the table, the table's path, the backup copies (empty when nothing had to change) and the
 * protected addresses left out ({@code [{ip, why}]}).
 */
public final class BlockClientsModule implements StepModule {
    static final String NAME = "postfix.block-clients";
    static final String PARAMETER = "smtpd_client_restrictions";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.ACTION, Set.of("ips", "reason", "map", "allow_cidr", "skip_protected", "platform"),
                Set.of("ips"), "refuse SMTP from client addresses (cidr table + smtpd_client_restrictions on every smtpd"
                + " service, backed up, checked, reloaded)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        ClientBlockPlatform.require(NAME, Platform.of(NAME, a.text("platform"), host));
        String map = BlockMapPath.of(NAME, a);
        boolean skipProtected = a.bool("skip_protected", false);
        List<Map<String, Object>> skipped = new ArrayList<>();
        List<ClientNetwork> networks = networks(a, a.bool("allow_cidr", false), ProtectedNetworks.of(host.vars()),
                skipProtected ? skipped : null);
        String reason = BlockReason.sanitise(a.text("reason"));
        List<String> head = BlockMapPath.restriction(map);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return networks.isEmpty() ? List.of() : change(map, head, reason, null).commands();
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                List<Map<String, Object>> skips = new ArrayList<>(skipped);
                if (networks.isEmpty()) return result(List.of(), List.of(), map, List.of(), skips);
                String mynetworks = HostRead.stdout(ctx, NAME, "postconf -hx mynetworks", "read mynetworks");
                ProtectedNetworks trusted = ProtectedNetworks.of(ctx.host().vars()).withMynetworks(mynetworks);
                List<ClientNetwork> targets = new ArrayList<>();
                for (ClientNetwork n : networks) {
                    String why = trusted.conflict(n);
                    if (why == null) {
                        targets.add(n);
                    } else if (skipProtected) {
                        skips.add(skip(n.text(), why));
                    } else {
                        throw new ModuleFailure(NAME + ": refusing to block " + n.text() + ": it overlaps " + why
                                + " (a trusted relay is stopped with the rogue-trusted-ip remediation); nothing was changed");
                    }
                }
                if (targets.isEmpty()) return result(List.of(), List.of(), map, List.of(), skips);
                BlockedClientsMap before = BlockedClientsMap.parse(HostRead.stdout(ctx, NAME, readMap(map), "read " + map));
                EffectiveRestriction restriction;
                try {
                    restriction = EffectiveRestriction.parse(PARAMETER, HostRead.stdout(ctx, NAME,
                            EffectiveRestriction.readCommand(PARAMETER), "read " + PARAMETER));
                } catch (IllegalArgumentException e) {
                    throw new ModuleFailure(NAME + ": " + e.getMessage() + "; nothing was changed");
                }
                List<String> already = new ArrayList<>();
                List<String> blocked = new ArrayList<>();
                Map<ClientNetwork, String> present = before.entries();
                for (ClientNetwork n : targets) (present.containsKey(n) ? already : blocked).add(n.text());
                if (blocked.isEmpty() && restriction.firstEverywhere(head)) return result(blocked, already, map, List.of(), skips);
                Planned p = new Planned(blocked.isEmpty() ? null : before.adding(targets, reason).content(),
                        restriction.mainWithFirst(head), restriction.overridesWithFirst(head), ClientNetwork.probes(targets));
                ConfigBackup.Backups backups = change(map, head, reason, p).apply(ctx);
                return result(blocked, already, map, backups.paths(), skips);
            }
        };
    }

    /** What the edits write, worked out from the host's files when the step runs (null in a plan). */
    private record Planned(String mapContent, String mainValue, List<String> overrideLines, String probes) {
    }

    private static PostfixChange change(String map, List<String> head, String reason, Planned p) {
        String table = String.join(" ", head);
        Step writeMap = Step.edit(ReplaceFileCommand.of(map),
                "the table's lines, plus `ADDRESS REJECT " + reason + "` for each address not in it yet");
        Step main = Step.edit(EffectiveRestriction.mainEditCommand(PARAMETER),
                table + ", then the current value (unless it already starts so)");
        Step overrides = Step.edit(EffectiveRestriction.overridesEditCommand(),
                "SERVICE/TYPE/" + PARAMETER + "=" + String.join(",", head) + ",<its value> for each master.cf service"
                        + " overriding " + PARAMETER + " (unless it already starts so)");
        Step probe = Step.check("postmap -q - " + ShellQuote.quote("cidr:" + map), "the addresses, one a line",
                r -> probeProblem(r, p));
        Step verify = Step.check(EffectiveRestriction.readCommand(PARAMETER), null, r -> placementProblem(r, head));
        List<Step> edits;
        if (p == null) {
            edits = List.of(writeMap, main, overrides);
        } else {
            edits = List.of(
                    p.mapContent() == null ? writeMap.skipped() : writeMap.withStdin(bytes(p.mapContent())),
                    p.mainValue() == null ? main.skipped() : main.withStdin(bytes(p.mainValue() + "\n")),
                    p.overrideLines().isEmpty() ? overrides.skipped() : overrides.withStdin(bytes(String.join("\n", p.overrideLines()) + "\n")));
            probe = probe.withStdin(bytes(p.probes()));
        }
        return new PostfixChange(NAME, List.of(ConfigFile.mainCf(), ConfigFile.masterCf(), ConfigFile.path(map)),
                edits, List.of(probe, verify));
    }

    /** Every address must map to REJECT, and Postfix must not have skipped a line of the table. */
    private static String probeProblem(ExecResult r, Planned p) {
        if (!r.stderr().isBlank()) return "postmap warns about the table: " + r.stderr().strip().lines().findFirst().orElse("");
        Set<String> rejected = new LinkedHashSet<>();
        for (String line : r.stdout().lines().toList()) {
            String[] w = line.strip().split("\\s+", 3);
            if (w.length >= 2 && w[1].equalsIgnoreCase("REJECT")) rejected.add(w[0]);
        }
        List<String> missing = p.probes().lines().filter(a -> !rejected.contains(a)).toList();
        return missing.isEmpty() ? null : "the table does not reject " + String.join(", ", missing);
    }

    private static String placementProblem(ExecResult r, List<String> head) {
        if (!r.ok()) return "exit " + r.exitCode();
        Map<String, Boolean> placement = EffectiveRestriction.parse(PARAMETER, r.stdout()).placement(head);
        List<String> missing = placement.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        return missing.isEmpty() ? null : String.join(" ", head) + " is not first in " + PARAMETER + " of " + String.join(", ", missing);
    }

    /** @param skipped where protected addresses go when they are to be skipped; null: refuse them */
    static List<ClientNetwork> networks(StepArguments a, boolean allowCidr, ProtectedNetworks protectedNetworks,
                                        List<Map<String, Object>> skipped) {
        List<ClientNetwork> out = new ArrayList<>();
        for (String ip : a.list("ips")) {
            ClientNetwork n;
            try {
                n = ClientNetwork.parse(ip);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": " + e.getMessage());
            }
            if (!n.singleAddress() && !allowCidr) {
                throw new IllegalArgumentException(NAME + ": '" + ip + "' is a network, not one address; set allow_cidr: true"
                        + " to block a whole network");
            }
            String why = protectedNetworks.conflict(n);
            if (why != null && skipped == null) {
                throw new IllegalArgumentException(NAME + ": refusing to block " + n.text() + ": it overlaps " + why
                        + " (skip_protected: true skips such addresses instead)");
            }
            if (why != null) skipped.add(skip(n.text(), why));
            else if (!out.contains(n)) out.add(n);
        }
        return out;
    }

    static String readMap(String map) {
        String f = ShellQuote.quote(map);
        return "[ ! -e " + f + " ] || cat -- " + f;
    }

    private static Map<String, Object> skip(String ip, String why) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("ip", ip);
        s.put("why", why);
        return s;
    }

    private static Map<String, Object> result(List<String> blocked, List<String> already, String map, List<String> backup,
                                              List<Map<String, Object>> skipped) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("blocked", List.copyOf(blocked));
        out.put("already", List.copyOf(already));
        out.put("map", map);
        out.put("backup", List.copyOf(backup));
        out.put("skipped", List.copyOf(skipped));
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
