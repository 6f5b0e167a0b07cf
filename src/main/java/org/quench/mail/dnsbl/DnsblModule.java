package org.quench.mail.dnsbl;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.detect.StepArguments;
import org.quench.mail.trust.Cidr;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: dnsbl.check} — whether the block lists name the server's outbound addresses. The
 * addresses: {@code ips}, else the host var {@code outbound_ips}, else what Postfix binds to or the
 * kernel routes from ({@link OutboundAddresses}); the lists: {@code zones}, else {@code dnsbl_zones},
 * else {@link #DEFAULT_ZONES}; the resolver: {@code resolver}, else {@code dns_resolver}, else this
 * machine's first nameserver. Queries leave from the quench machine through that resolver
 * ({@link DnsResolver}).
 *
 * <p>Returns {@code {listings: [{ip, zone, list, code, meaning, reason, query}], errors: [{ip, zone,
 * code?, problem}], clean: [{ip, zone}], ips: [{ip, source}], zones, resolver, summary}}. An error
 * (timeout, SERVFAIL, 127.255.255.x, an answer outside 127/8) is never counted as listed or clean.
 */
public final class DnsblModule implements StepModule {
    public static final String NAME = "dnsbl.check";
    /** The common public lists (reference §6.3); SORBS is gone since June 2024. */
    public static final List<String> DEFAULT_ZONES = List.of("zen.spamhaus.org", "bl.spamcop.net", "b.barracudacentral.org",
            "psbl.surriel.com");
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("ips", "zones", "resolver", "timeout"), Set.of(),
                "DNSBL listings of the outbound addresses: answer codes decoded, TXT reasons, query errors reported as errors");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        StepArguments vars = new StepArguments(NAME, host.vars());
        List<String> given = args.containsKey("ips") && !with.list("ips").isEmpty() ? with.list("ips") : vars.list("outbound_ips");
        for (String ip : given) {
            if (!Cidr.isLiteral(ip) || !Cidr.parse(ip).singleAddress()) {
                throw new IllegalArgumentException(NAME + ": outbound address '" + ip + "' is not an IP address");
            }
        }
        List<String> zones = !with.list("zones").isEmpty() ? with.list("zones") : vars.list("dnsbl_zones");
        if (zones.isEmpty()) zones = DEFAULT_ZONES;
        List<String> zoneNames = new ArrayList<>();
        for (String z : zones) {
            try {
                zoneNames.add(DnsblName.zone(z));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": dnsbl_zones: " + e.getMessage());
            }
        }
        Duration timeout = with.duration("timeout") != null ? with.duration("timeout") : DEFAULT_TIMEOUT;
        String resolverText = with.string("resolver") != null ? with.string("resolver") : vars.string("dns_resolver");
        DnsResolver resolver;
        try {
            resolver = DnsResolver.at(resolverText, timeout);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": " + e.getMessage());
        }
        List<String> fixed = given.stream().map(ip -> Cidr.parse(ip).address()).distinct().toList();
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                List<PlannedCommand> c = new ArrayList<>();
                if (fixed.isEmpty()) c.add(new PlannedCommand(OutboundAddresses.COMMAND, null));
                c.add(new PlannedCommand("dns A+TXT @" + resolver.describe() + ": "
                        + (fixed.isEmpty() ? "each outbound address" : String.join(", ", fixed)) + " on " + String.join(", ", zoneNames), null));
                return c;
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                List<OutboundAddresses.Found> found = new ArrayList<>();
                if (!fixed.isEmpty()) {
                    fixed.forEach(ip -> found.add(new OutboundAddresses.Found(ip, "inventory")));
                } else {
                    ExecResult r = ctx.exec(OutboundAddresses.COMMAND, null, ctx.timeout());
                    found.addAll(OutboundAddresses.parse(r.stdout()));
                }
                List<Map<String, Object>> errors = new ArrayList<>();
                Set<String> query = new LinkedHashSet<>();
                for (OutboundAddresses.Found f : found) {
                    if (!"inventory".equals(f.source()) && OutboundAddresses.isPrivate(f.ip())) {
                        Map<String, Object> e = new LinkedHashMap<>();
                        e.put("ip", f.ip());
                        e.put("zone", "*");
                        e.put("problem", f.ip() + " (" + f.source() + ") is a private address: the lists see the public address of"
                                + " the NAT in front of it; set outbound_ips in the inventory");
                        errors.add(e);
                    } else {
                        query.add(f.ip());
                    }
                }
                if (found.isEmpty()) {
                    errors.add(Map.of("ip", "?", "zone", "*", "problem",
                            "no outbound address found (smtp_bind_address unset, no route): set outbound_ips in the inventory"));
                }
                List<DnsblCheck.Result> results = new DnsblCheck(resolver).check(new ArrayList<>(query), zoneNames);
                List<Map<String, Object>> listings = new ArrayList<>();
                List<Map<String, Object>> clean = new ArrayList<>();
                StringBuilder evidence = new StringBuilder("resolver " + resolver.describe() + "\n");
                for (DnsblCheck.Result r : results) {
                    Map<String, Object> m = r.toMap();
                    switch (r.state()) {
                        case DnsblCheck.Result.LISTED -> listings.add(m);
                        case DnsblCheck.Result.CLEAN -> clean.add(Map.of("ip", r.ip(), "zone", r.zone()));
                        default -> errors.add(m);
                    }
                    evidence.append(r.state()).append('\t').append(r.query()).append('\t')
                            .append(String.join(",", r.codes())).append('\t')
                            .append(r.meaning() != null ? r.meaning() : r.problem() != null ? r.problem() : "")
                            .append(r.reason() != null ? "\t" + r.reason() : "").append('\n');
                }
                ctx.saveEvidence("dnsbl.txt", evidence.toString());
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("listings", listings);
                out.put("errors", errors);
                out.put("clean", clean);
                out.put("ips", found.stream().map(OutboundAddresses.Found::toMap).toList());
                out.put("zones", zoneNames);
                out.put("resolver", resolver.describe());
                out.put("summary", listings.size() + " listed, " + errors.size() + " error(s), " + clean.size() + " clean"
                        + " (" + query.size() + " address(es) x " + zoneNames.size() + " list(s))");
                return out;
            }
        };
    }
}
