package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.expr.ShellQuote;
import org.quench.inventory.Host;
import org.quench.mail.config.ConfigBackup;
import org.quench.mail.config.ConfigFile;
import org.quench.mail.config.PostfixChange;
import org.quench.mail.config.PostfixChange.Step;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.TrustReadException;
import org.quench.mail.trust.TrustReader;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.untrust-ip} (action): stops one address relaying on Postfix's trust — even when it
 * lies inside a trusted CIDR, whose other addresses keep relaying — where each platform keeps the
 * list:
 * <ul>
 * <li><b>Postfix</b>: {@code !ADDRESS} first in main.cf's {@code mynetworks}. Postfix stops at the
 * first match, so the exclusion un-trusts that address for every later entry — literal, file,
 * {@code $name} or table alike, which a rewrite of the entry itself could not do — and for every
 * use of mynetworks (permit_mynetworks in any restriction list or master.cf service, the anvil
 * exemptions). One {@link PostfixChange}: back up main.cf → {@code postconf -e} → {@code postfix
 * check} → re-read the value → {@code postfix reload}; any failure restores the backup.</li>
 * <li><b>BlueMind</b>: {@code bm-cli sysconf set mynetworks --value NEW} (BlueMind pushes it to
 * main.cf and reloads; never a hand edit). Its sanitiser drops {@code !} entries and always re-adds
 * 127.0.0.0/8 and its own servers, so the containing entry is split around the address
 * ({@link TrustedListEdit}); an address inside 127.0.0.0/8 is refused.</li>
 * <li><b>Zimbra</b>: {@code zmprov ms <this server>|mcf zimbraMtaMyNetworks NEW} (the scope the
 * value was read from), then {@code postfix reload} as zimbra, whose wrapper regenerates main.cf
 * from LDAP.</li>
 * <li><b>Plesk</b>: refused with the manual instruction: no verified CLI edits the White List (the
 * runbook shows it as an approve step).</li>
 * </ul>
 * BlueMind and Zimbra need {@code current}, the platform's value as {@code postfix.trust} read it
 * ({@code platform.value}), so the plan shows the exact new value; when the step runs the value is
 * read again and the step refuses if it changed since. Postfix takes {@code current} too (the raw
 * {@code mynetworks}) for an exact plan, and refuses likewise.
 *
 * <p>Several addresses ({@code ips}) go in one change. Returns {@code {ips, platform, changed, before, after, backup, note}}.
 */
public final class UntrustIpModule implements StepModule {
    static final String NAME = "postfix.untrust-ip";
    static final String READ_MYNETWORKS = TrustReaderCommands.RAW_MYNETWORKS;
    static final String ZMPROV = "/opt/zimbra/bin/zmprov";
    static final String ZIMBRA_RELOAD = "su - zimbra -c '/opt/zimbra/bin/postfix reload'";
    private static final Cidr LOOPBACK = Cidr.parse("127.0.0.0/8");

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.ACTION, Set.of("ips", "platform", "current", "scope"), Set.of("ips"),
                "stop addresses relaying on Postfix's trust (even inside a trusted CIDR), where the platform keeps the list");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        Platform platform = Platform.of(NAME, a.text("platform"), host);
        List<String> given = a.list("ips");
        if (given.isEmpty()) throw new IllegalArgumentException(NAME + ": `ips` is required and was empty");
        List<Cidr> ips = new java.util.ArrayList<>();
        for (String ipText : given) {
            Cidr ip;
            try {
                ip = Cidr.parse(ipText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": " + e.getMessage());
            }
            if (!ip.singleAddress()) {
                throw new IllegalArgumentException(NAME + ": '" + ipText + "' is a network; give the addresses to stop"
                        + " (to distrust a whole network, edit the list itself)");
            }
            for (String self : List.of("127.0.0.1", "::1")) {
                if (Cidr.parse(self).equals(ip)) {
                    throw new IllegalArgumentException(NAME + ": refusing to untrust " + self + ", the server itself (webmail and"
                            + " content filters submit from it)");
                }
            }
            if (!ips.contains(ip)) ips.add(ip);
        }
        String current = a.text("current");
        return switch (platform) {
            case POSTFIX -> postfix(ips, current);
            case BLUEMIND -> blueMind(ips, required(current, "BlueMind's mynetworks"));
            case ZIMBRA -> zimbra(ips, required(current, "zimbraMtaMyNetworks"), a.text("scope"));
            case PLESK -> throw new IllegalArgumentException(NAME + ": " + pleskInstruction(addresses(ips)));
        };
    }

    static String addresses(List<Cidr> ips) {
        return String.join(", ", ips.stream().map(Cidr::address).toList());
    }

    /** What the engineer does by hand on Plesk (the runbook's approve step shows the same text). */
    static String pleskInstruction(String ips) {
        return org.quench.mail.trust.PleskWhiteList.instruction(ips);
    }

    private static String required(String current, String what) {
        if (current == null) {
            throw new IllegalArgumentException(NAME + ": `current` is required on this platform: " + what
                    + " as postfix.trust read it (its platform.value), so the plan shows the exact new value");
        }
        return current;
    }

    // --- Postfix ----------------------------------------------------------------------------------

    static String exclusion(Cidr ip) {
        return "!" + (ip.ipv6() ? "[" + ip.address() + "]" : ip.address());
    }

    /** {@code !a, !b}: one exclusion per address, in the order given. */
    static String exclusions(List<Cidr> ips) {
        return String.join(", ", ips.stream().map(UntrustIpModule::exclusion).toList());
    }

    static String postfixCommand(String newValue) {
        return "postconf -e " + ShellQuote.quote("mynetworks = " + newValue);
    }

    private ModuleCall postfix(List<Cidr> ips, String planned) {
        String excl = exclusions(ips);
        // With `current` the plan names the exact new value; without it the value is worked out on
        // the host when the step runs and travels on stdin — either way the plan is what runs.
        String exact = planned == null ? null : join(excl, planned.strip());
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return change(exact, excl, null).commands();
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                String before = HostRead.stdout(ctx, NAME, READ_MYNETWORKS, "read mynetworks").strip();
                if (planned != null && !before.equals(planned.strip())) {
                    throw new ModuleFailure(NAME + ": mynetworks changed since the plan (planned on '" + planned.strip()
                            + "', now '" + before + "'); nothing was changed — run again to plan on the current value");
                }
                EffectiveTrust trust = read(ctx, "postfix");
                List<String> through = new java.util.ArrayList<>();
                for (Cidr ip : ips) {
                    if (trust.trusts(ip.address())) through.add(ip.address() + " was trusted through "
                            + trust.matchingEntry(ip.address()).orElseThrow().describe());
                }
                if (through.isEmpty()) {
                    return result(ips, "postfix", false, before, before, List.of(), addresses(ips)
                            + ": not trusted by mynetworks; nothing to change");
                }
                String after = join(excl, before);
                ConfigBackup.Backups backups = change(exact, excl, after).apply(ctx);
                // the run record says where the previous configuration is, to undo the change by hand
                StringBuilder record = new StringBuilder("mynetworks before: " + before + "\nmynetworks after: " + after + "\n");
                backups.saved().forEach(b -> record.append("backup ").append(b.file()).append(" -> ").append(b.backup()).append('\n'));
                ctx.saveEvidence("config-backup.txt", record.toString());
                return result(ips, "postfix", true, before, after, backups.paths(), String.join("; ", through) + "; "
                        + excl + " now comes first in mynetworks"
                        + (trust.setIn() == null ? " (mynetworks was not set: its computed default is now written out)" : ""));
            }
        };
    }

    private static String join(String excl, String value) {
        return value.isEmpty() ? excl : excl + ", " + value;
    }

    /** @param stdinValue the value for the stdin form when it runs (null in a plan, or with the exact form) */
    private static PostfixChange change(String exact, String excl, String stdinValue) {
        Step edit = exact != null ? Step.edit(postfixCommand(exact), null)
                : Step.edit("IFS= read -r v || exit 97; postconf -e \"mynetworks = $v\"", excl + ", then the current value");
        if (exact == null && stdinValue != null) {
            edit = edit.withStdin((stdinValue + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        Step check = Step.check(READ_MYNETWORKS, null, r -> !r.ok() ? "exit " + r.exitCode()
                : r.stdout().strip().startsWith(excl + ",") || r.stdout().strip().equals(excl) ? null
                : "mynetworks does not start with " + excl + " after the edit: " + r.stdout().strip());
        return new PostfixChange(NAME, List.of(ConfigFile.mainCf()), List.of(edit), List.of(check));
    }

    // --- BlueMind -----------------------------------------------------------------------------------

    static String blueMindCommand(String newValue) {
        return "bm-cli sysconf set mynetworks --value " + ShellQuote.quote(newValue);
    }

    private ModuleCall blueMind(List<Cidr> ips, String current) {
        for (Cidr ip : ips) {
            if (LOOPBACK.contains(ip)) {
                throw new IllegalArgumentException(NAME + ": BlueMind always re-adds 127.0.0.0/8 to mynetworks, so " + ip.address()
                        + " cannot be untrusted there; stop the process sending from it on the server itself");
            }
        }
        TrustedListEdit.Result edit = edit(current, ips, "BlueMind's mynetworks");
        String command = blueMindCommand(edit.joined(", "));
        return platformCall(ips, "bluemind", current, edit, command, null);
    }

    // --- Zimbra -----------------------------------------------------------------------------------

    static String zimbraCommand(String scope, String newValue) {
        String target = "server".equals(scope) ? "ms \"$(/opt/zimbra/bin/zmhostname)\"" : "mcf";
        return "su - zimbra -c " + ShellQuote.quote(ZMPROV + " " + target + " zimbraMtaMyNetworks " + ShellQuote.quote(newValue));
    }

    private ModuleCall zimbra(List<Cidr> ips, String current, String scopeArg) {
        String scope = scopeArg == null ? "global" : scopeArg;
        if (!scope.equals("server") && !scope.equals("global")) {
            throw new IllegalArgumentException(NAME + ": `scope` is server or global (where postfix.trust found the value), got '" + scope + "'");
        }
        TrustedListEdit.Result edit = edit(current, ips, "zimbraMtaMyNetworks");
        String command = zimbraCommand(scope, edit.joined(" "));
        return platformCall(ips, "zimbra", current, edit, command, ZIMBRA_RELOAD);
    }

    /** The list without each address in turn; every address must be in it. */
    private static TrustedListEdit.Result edit(String current, List<Cidr> ips, String what) {
        String value = current;
        List<String> splits = new java.util.ArrayList<>();
        TrustedListEdit.Result edit = null;
        for (Cidr ip : ips) {
            try {
                edit = TrustedListEdit.without(value, ip);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": " + what + ": " + e.getMessage());
            }
            if (edit.split() == null) {
                throw new IllegalArgumentException(NAME + ": " + ip.address() + " is not in " + what + " ('" + current + "'); nothing"
                        + " to change there — if Postfix still trusts it, the trust comes from elsewhere (see postfix.trust)");
            }
            splits.add(edit.split() + " around " + ip.address());
            value = edit.joined(", ");
        }
        return new TrustedListEdit.Result(edit.entries(), String.join("; ", splits));
    }

    /** BlueMind and Zimbra: re-read the value, refuse if it changed since the plan, set it, (reload). */
    private ModuleCall platformCall(List<Cidr> ips, String platform, String current, TrustedListEdit.Result edit, String command,
                                    String reload) {
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return reload == null ? List.of(new PlannedCommand(command, null))
                        : List.of(new PlannedCommand(command, null), new PlannedCommand(reload, null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                EffectiveTrust trust = read(ctx, platform);
                String now = trust.platform() == null ? null : trust.platform().value();
                if (now == null || !now.strip().equals(current.strip())) {
                    throw new ModuleFailure(NAME + ": the platform's list changed since the plan (planned on '" + current
                            + "', now '" + now + "'); nothing was changed — run again to plan on the current value");
                }
                // the platform keeps no file of ours to copy: the previous value is the backup
                ctx.saveEvidence("trusted-networks-before-" + platform + ".txt", current + "\n");
                ExecResult r = ctx.exec(command, null, ctx.timeout());
                if (!r.ok()) {
                    throw new ModuleFailure(NAME + ": setting the trusted networks failed (exit " + r.exitCode() + "): "
                            + r.stderr().strip() + "; the previous value was '" + current + "'");
                }
                if (reload != null) {
                    ExecResult rl = ctx.exec(reload, null, ctx.timeout());
                    if (!rl.ok()) throw new ModuleFailure(NAME + ": the value was set but `" + reload + "` failed (exit "
                            + rl.exitCode() + "): " + rl.stderr().strip());
                }
                return result(ips, platform, true, current, edit.joined(", "), List.of(), "split " + edit.split());
            }
        };
    }

    private static EffectiveTrust read(ModuleContext ctx, String platform) throws ModuleFailure {
        try {
            return new TrustReader(c -> ctx.exec(c, null, ctx.timeout())).read(platform);
        } catch (TrustReadException e) {
            throw new ModuleFailure(NAME + ": " + e.getMessage() + "; nothing was changed");
        }
    }

    private static Map<String, Object> result(List<Cidr> ips, String platform, boolean changed, String before, String after,
                                              List<String> backup, String note) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ips", ips.stream().map(Cidr::address).toList());
        m.put("platform", platform);
        m.put("changed", changed);
        m.put("before", before);
        m.put("after", after);
        m.put("backup", List.copyOf(backup));
        m.put("note", note);
        return m;
    }
}
