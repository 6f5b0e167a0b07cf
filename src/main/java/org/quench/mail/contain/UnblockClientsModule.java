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
import org.quench.mail.config.ReplaceFileCommand;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.unblock-clients}: ends a block made by {@code postfix.block-clients} (the block
 * is meant to be temporary). Removes those addresses' entries from the cidr table — backed up,
 * probed with {@code postmap -q} (the table must still read cleanly), {@code postfix check},
 * {@code postfix reload}, restored on any failure. The restriction stays in main.cf and master.cf:
 * an empty table rejects nobody, and the next block needs no configuration change.
 *
 * <p>Returns {@code {unblocked, absent, stillBlocked, map, backup}}: addresses removed, addresses
 * that had no entry, addresses still covered by a remaining network entry (blocked with
 * {@code allow_cidr}), the table and the backup copies.
 */
public final class UnblockClientsModule implements StepModule {
    static final String NAME = "postfix.unblock-clients";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.ACTION, Set.of("ips", "map", "allow_cidr", "platform"), Set.of("ips"),
                "remove client addresses from the cidr table of blocked clients (backed up, checked, reloaded)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        ClientBlockPlatform.require(NAME, Platform.of(NAME, a.text("platform"), host));
        String map = BlockMapPath.of(NAME, a);
        boolean allowCidr = a.bool("allow_cidr", false);
        List<ClientNetwork> networks = new ArrayList<>();
        for (String ip : a.list("ips")) {
            ClientNetwork n;
            try {
                n = ClientNetwork.parse(ip);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": " + e.getMessage());
            }
            if (!n.singleAddress() && !allowCidr) {
                throw new IllegalArgumentException(NAME + ": '" + ip + "' is a network; set allow_cidr: true to remove a network entry");
            }
            if (!networks.contains(n)) networks.add(n);
        }
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return networks.isEmpty() ? List.of() : change(map, null, null).commands();
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                if (networks.isEmpty()) return result(List.of(), List.of(), List.of(), map, List.of());
                BlockedClientsMap before = BlockedClientsMap.parse(HostRead.stdout(ctx, NAME, BlockClientsModule.readMap(map),
                        "read " + map));
                Map<ClientNetwork, String> present = before.entries();
                List<String> unblocked = new ArrayList<>();
                List<String> absent = new ArrayList<>();
                for (ClientNetwork n : networks) (present.containsKey(n) ? unblocked : absent).add(n.text());
                BlockedClientsMap after = before.removing(networks);
                List<String> still = new ArrayList<>();
                for (ClientNetwork n : networks) {
                    if (after.entries().keySet().stream().anyMatch(e -> e.overlaps(n))) still.add(n.text());
                }
                if (unblocked.isEmpty()) return result(unblocked, absent, still, map, List.of());
                ConfigBackup.Backups backups = change(map, after.content(), ClientNetwork.probes(networks)).apply(ctx);
                return result(unblocked, absent, still, map, backups.paths());
            }
        };
    }

    private static PostfixChange change(String map, String content, String probes) {
        Step write = Step.edit(ReplaceFileCommand.of(map), "the table's lines without those addresses' entries");
        // postmap exits 1 when no address is found (the point of an unblock): only a warning (a skipped line) is a problem
        Step probe = Step.check("postmap -q - " + ShellQuote.quote("cidr:" + map), "the addresses, one a line",
                UnblockClientsModule::tableProblem);
        if (content != null) {
            write = write.withStdin(content.getBytes(StandardCharsets.UTF_8));
            probe = probe.withStdin(probes.getBytes(StandardCharsets.UTF_8));
        }
        return new PostfixChange(NAME, List.of(ConfigFile.path(map)), List.of(write), List.of(probe));
    }

    private static String tableProblem(ExecResult r) {
        if (r.exitCode() > 1) return "exit " + r.exitCode() + ": " + r.stderr().strip();
        return r.stderr().isBlank() ? null : "postmap warns about the table: " + r.stderr().strip().lines().findFirst().orElse("");
    }

    private static Map<String, Object> result(List<String> unblocked, List<String> absent, List<String> still, String map,
                                              List<String> backup) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("unblocked", List.copyOf(unblocked));
        out.put("absent", List.copyOf(absent));
        out.put("stillBlocked", List.copyOf(still));
        out.put("map", map);
        out.put("backup", List.copyOf(backup));
        return out;
    }
}
