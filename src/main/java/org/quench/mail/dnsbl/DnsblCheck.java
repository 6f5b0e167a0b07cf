package org.quench.mail.dnsbl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Every address against every zone, all queries in flight at once (a fleet of lists answers in
 * the time of the slowest, not the sum), then the TXT reason of each listing.
 */
public final class DnsblCheck {
    private final DnsResolver resolver;

    public DnsblCheck(DnsResolver resolver) {
        this.resolver = resolver;
    }

    /** listed, clean or error, for one address on one list. */
    public record Result(String ip, String zone, String state, List<String> codes, String meaning, String reason,
                         String problem, String query) {
        public static final String LISTED = "listed";
        public static final String CLEAN = "clean";
        public static final String ERROR = "error";

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ip", ip);
            m.put("zone", zone);
            m.put("list", ListFamily.of(zone).label(zone));
            if (!codes.isEmpty()) m.put("code", String.join(",", codes));
            if (meaning != null) m.put("meaning", meaning);
            if (reason != null) m.put("reason", reason);
            if (problem != null) m.put("problem", problem);
            m.put("query", query);
            return m;
        }
    }

    public List<Result> check(List<String> ips, List<String> zones) {
        record Pending(String ip, String zone, String name, CompletableFuture<DnsResolver.Reply> a) {
        }
        List<Pending> pending = new ArrayList<>();
        for (String ip : ips) {
            for (String zone : zones) {
                String z = DnsblName.zone(zone);
                String name = DnsblName.of(ip, z);
                pending.add(new Pending(ip, z, name, resolver.a(name)));
            }
        }
        List<Result> out = new ArrayList<>();
        List<CompletableFuture<DnsResolver.Reply>> reasons = new ArrayList<>();
        for (Pending p : pending) {
            DnsResolver.Reply r = resolver.await(p.a());
            Result res = classify(p.ip(), p.zone(), p.name(), r);
            out.add(res);
            reasons.add(Result.LISTED.equals(res.state()) ? resolver.txt(p.name()) : null);
        }
        for (int i = 0; i < out.size(); i++) {
            if (reasons.get(i) == null) continue;
            DnsResolver.Reply t = resolver.await(reasons.get(i));
            Result r = out.get(i);
            String reason = t.ok() && !t.values().isEmpty() ? String.join(" | ", t.values()) : null;
            out.set(i, new Result(r.ip(), r.zone(), r.state(), r.codes(), r.meaning(), reason, r.problem(), r.query()));
        }
        return out;
    }

    static Result classify(String ip, String zone, String name, DnsResolver.Reply r) {
        if (!r.ok()) {
            return new Result(ip, zone, Result.ERROR, List.of(), null, null, "unknown: " + r.problem(), name);
        }
        if (r.nxdomain() || r.values().isEmpty()) {
            return new Result(ip, zone, Result.CLEAN, List.of(), null, null, null, name);
        }
        AnswerCodes.Reading reading = AnswerCodes.read(r.values());
        List<String> codes = r.values().stream().sorted().toList();
        if (reading.error() != null) {
            return new Result(ip, zone, Result.ERROR, codes, null, null, reading.error(), name);
        }
        ListFamily family = ListFamily.of(zone);
        List<String> meanings = new ArrayList<>();
        for (int[] c : reading.codes()) {
            String m = AnswerCodes.text(c) + " " + family.meaning(c);
            if (!meanings.contains(m)) meanings.add(m);
        }
        meanings.sort(null);
        return new Result(ip, zone, Result.LISTED, codes, String.join("; ", meanings), null, null, name);
    }
}
