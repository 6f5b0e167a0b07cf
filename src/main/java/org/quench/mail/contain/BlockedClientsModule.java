package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.config.EffectiveRestriction;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code postfix.blocked-clients} (check): what the table of blocked clients holds and where
 * Postfix consults it. Returns {@code {map, entries: [{ip, action}], count, enforced, everywhere}}:
 * {@code enforced} maps {@code main.cf} and each master.cf service overriding
 * {@code smtpd_client_restrictions} to whether {@code check_client_access cidr:MAP} comes first
 * there; {@code everywhere} is true when it does in all of them. An absent table is empty.
 */
public final class BlockedClientsModule implements StepModule {
    static final String NAME = "postfix.blocked-clients";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("map", "platform"), Set.of(),
                "list the blocked client addresses and where Postfix enforces the block");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        ClientBlockPlatform.require(NAME, Platform.of(NAME, a.text("platform"), host));
        String map = BlockMapPath.of(NAME, a);
        String readMap = BlockClientsModule.readMap(map);
        String readRestriction = EffectiveRestriction.readCommand(BlockClientsModule.PARAMETER);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(readMap, null), new PlannedCommand(readRestriction, null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                BlockedClientsMap table = BlockedClientsMap.parse(HostRead.stdout(ctx, NAME, readMap, "read " + map));
                EffectiveRestriction restriction;
                try {
                    restriction = EffectiveRestriction.parse(BlockClientsModule.PARAMETER,
                            HostRead.stdout(ctx, NAME, readRestriction, "read " + BlockClientsModule.PARAMETER));
                } catch (IllegalArgumentException e) {
                    throw new ModuleFailure(NAME + ": " + e.getMessage());
                }
                List<Map<String, Object>> entries = new ArrayList<>();
                table.entries().forEach((n, action) -> {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("ip", n.text());
                    e.put("action", action);
                    entries.add(e);
                });
                Map<String, Boolean> enforced = restriction.placement(BlockMapPath.restriction(map));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("map", map);
                out.put("entries", entries);
                out.put("count", entries.size());
                out.put("enforced", new LinkedHashMap<String, Object>(enforced));
                out.put("everywhere", !enforced.containsValue(false));
                return out;
            }
        };
    }
}
