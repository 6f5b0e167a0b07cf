package org.quench.mail.dnsbl;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.detect.StepArguments;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code uses: dnsbl.delisting} — the removal steps, per list that names an address
 * ({@code listings} of {@code dnsbl.check}) and per provider that refuses the server's mail
 * ({@code bounces}: {@code blocklistBounces} of {@code mail.blocklist-bounces}). Runs nothing on the
 * host. Each step ends with the incident report to attach ({@code run_id}), which says what was
 * found and fixed: list operators ask for exactly that.
 *
 * <p>Returns {@code {delisting: [{what, ips, steps: [text]}], report}}.
 */
public final class DelistingModule implements StepModule {
    public static final String NAME = "dnsbl.delisting";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("listings", "bounces", "run_id"), Set.of(),
                "the delisting steps per block list and per refusing provider (from quench's platform reference)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        List<Map<?, ?>> listings = maps(args.get("listings"), "listings");
        List<Map<?, ?>> bounces = maps(args.get("bounces"), "bounces");
        String runId = new StepArguments(NAME, args).string("run_id");
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of();
            }

            @Override
            public Object execute(ModuleContext ctx) {
                return steps(listings, bounces, runId);
            }
        };
    }

    static Map<String, Object> steps(List<Map<?, ?>> listings, List<Map<?, ?>> bounces, String runId) {
        Map<String, List<Map<?, ?>>> byZone = new LinkedHashMap<>();
        for (Map<?, ?> l : listings) byZone.computeIfAbsent(String.valueOf(l.get("zone")), z -> new ArrayList<>()).add(l);
        String report = runId == null ? "quench report RUN_ID --format html"
                : "quench report " + runId + " --format html";
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Map<?, ?>>> e : byZone.entrySet()) {
            ListFamily family = ListFamily.of(e.getKey());
            Set<String> ips = new TreeSet<>();
            List<int[]> codes = new ArrayList<>();
            for (Map<?, ?> l : e.getValue()) {
                ips.add(String.valueOf(l.get("ip")));
                Object code = l.get("code");
                if (code != null) {
                    for (String c : code.toString().split(",")) {
                        int[] o = octets(c.strip());
                        if (o != null) codes.add(o);
                    }
                }
            }
            out.add(step(family.label(e.getKey()), ips, family.delisting(codes), report));
        }
        for (Map<?, ?> b : bounces) {
            String provider = String.valueOf(b.get("provider"));
            Object count = b.get("count");
            Map<String, Object> s = step(provider + (count == null ? "" : " (" + count + " refused)"), Set.of(),
                    ProviderDelisting.of(provider), report);
            out.add(s);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("delisting", out);
        result.put("report", report);
        return result;
    }

    private static Map<String, Object> step(String what, Collection<String> ips, String how, String report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("what", what);
        if (!ips.isEmpty()) m.put("ips", String.join(", ", ips));
        m.put("steps", List.of("fix the cause first (this run's findings and remediation)", how,
                "attach the incident report: " + report));
        return m;
    }

    private static int[] octets(String code) {
        String[] p = code.split("\\.");
        if (p.length != 4) return null;
        int[] o = new int[4];
        try {
            for (int i = 0; i < 4; i++) o[i] = Integer.parseInt(p[i]);
        } catch (NumberFormatException e) {
            return null;
        }
        return o;
    }

    private static List<Map<?, ?>> maps(Object value, String key) {
        List<Map<?, ?>> out = new ArrayList<>();
        if (value == null || (value instanceof String s && s.isBlank())) return out;
        if (!(value instanceof Collection<?> c)) {
            throw new IllegalArgumentException(NAME + ": `" + key + "` must be a list (e.g. {{ dnsbl.listings }}), got " + value);
        }
        for (Object o : c) {
            if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException(NAME + ": `" + key + "` must hold maps, got " + o);
            out.add(m);
        }
        return out;
    }
}
