package org.quench.mail.detect;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.activity.RelayActivity;
import org.quench.mail.activity.RelayActivityCollector;
import org.quench.mail.log.GrepFilter;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.TrustReadException;
import org.quench.mail.trust.TrustReader;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: mail.rogue-relays} — which trusted clients relay like compromised machines: messages
 * accepted without SMTP AUTH from an address Postfix's effective {@code mynetworks} trusts
 * ({@link TrustReader}), per IP: volume, distinct and remote recipients, envelope sender domains the
 * server does not host, header From domains (when logged), HELO names and queued messages (from
 * the queue files), compared with the inventory's {@code approved_relays}. Each finding names the
 * trust entry that lets the IP relay and why it is suspicious ({@link RelayVerdict}).
 *
 * <p>Two log passes as {@code mail.accounts} ({@link HostLogScan}): the first streams every
 * {@code client=} line without {@code sasl_username=} (filtered on the host), the second reads
 * the byte ranges around each trusted IP's latest {@code sample} messages for their qmgr and
 * delivery lines.
 */
public final class RogueRelaysModule implements StepModule {
    public static final String NAME = "mail.rogue-relays";
    static final int DEFAULT_SAMPLE = 200;
    static final int MAX_IPS_SAMPLED = 50;
    static final String DOMAINS = "postconf -hx mydomain mydestination virtual_mailbox_domains virtual_alias_domains";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK,
                Set.of("since", "ip", "platform", "log_files", "log_source", "reference", "utc_offset", "approved_relays",
                        "min_messages", "min_remote_recipients", "sample"),
                Set.of(), "trusted clients relaying without authentication (volume, recipients, forged senders, HELO)"
                + " and the trust entry that lets each relay");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        Duration since = with.duration("since");
        Instant reference = with.instant("reference");
        String ip = with.string("ip");
        if (ip != null && !Cidr.isLiteral(ip)) throw new IllegalArgumentException(NAME + ": '" + ip + "' is not an IP address");
        String platform;
        try {
            platform = TrustReader.platform(with.string("platform") != null ? with.string("platform") : host.var("platform"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(NAME + ": " + e.getMessage());
        }
        List<String> approvedText = args.containsKey("approved_relays") ? with.list("approved_relays") : hostList(host, "approved_relays");
        List<Cidr> approved = new ArrayList<>();
        for (String a : approvedText) {
            try {
                approved.add(Cidr.parse(a));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(NAME + ": approved_relays: " + e.getMessage());
            }
        }
        RelayVerdict.Thresholds thresholds = new RelayVerdict.Thresholds(with.number("min_messages", 10),
                with.number("min_remote_recipients", 10));
        int sample = (int) with.number("sample", DEFAULT_SAMPLE);
        if (sample < 1) throw new IllegalArgumentException(NAME + ": `sample` must be at least 1");
        ZoneId zone = with.utcOffset("utc_offset");
        LogSource log = with.logSource();
        boolean journal = log.journal();
        List<String> files = log.files();
        boolean hasApproved = args.containsKey("approved_relays") || host.var("approved_relays") != null;
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                List<PlannedCommand> c = new ArrayList<>();
                TrustReader.commands(platform).forEach(t -> c.add(new PlannedCommand(t, null)));
                c.add(new PlannedCommand(DOMAINS, null));
                c.add(new PlannedCommand("sh -s", log.describe()
                        + " filtered with grep -F for client= lines without sasl_username=, then the sampled queue ids"));
                c.add(new PlannedCommand("postqueue -j; postcat -e -q ID… (HELO and client of queued mail)", null));
                return c;
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                EffectiveTrust trust;
                try {
                    trust = new TrustReader(c -> ctx.exec(c, null, ctx.timeout())).read(platform);
                } catch (TrustReadException e) {
                    throw new ModuleFailure(NAME + ": " + e.getMessage());
                }
                ExecResult d = ctx.exec(DOMAINS, null, ctx.timeout());
                if (!d.ok()) throw new ModuleFailure(NAME + ": cannot read the server's domains (" + DOMAINS + ": exit " + d.exitCode() + ")");
                Set<String> localDomains = localDomains(d.stdout());
                Instant now = reference != null ? reference : Instant.now();
                Instant from = since == null ? null : now.minus(since);
                MailLogParser parser = new MailLogParser(now.atZone(zone).toLocalDate(), zone);
                Map<String, Boolean> trustedCache = new HashMap<>();
                java.util.function.Predicate<String> trusted = a -> trustedCache.computeIfAbsent(a, x -> {
                    try {
                        return trust.trusts(x);
                    } catch (IllegalArgumentException e) {
                        return false; // not an address literal (e.g. "unknown"): Postfix matched it by name, not here
                    }
                });

                RelayActivityCollector volume = new RelayActivityCollector(trusted);
                SubmissionSampler sampler = new SubmissionSampler(sample, 10_000,
                        c -> c.authenticated() || c.origQueueId() != null || c.clientIp() == null || !trusted.test(c.clientIp())
                                ? null : c.clientIp());
                String first = RelayLogScan.firstPass(files, journal, from);
                LogStream.Pass p1 = LogStream.run(ctx, first, new OffsetLogReader(parser, from, true), (e, file, offset) -> {
                    volume.accept(e);
                    sampler.accept(e, file, offset);
                });
                List<RelayActivity> all = volume.relays();
                List<String> sampledIps = all.stream().limit(MAX_IPS_SAMPLED).map(RelayActivity::ip).toList();
                RelayActivityCollector detail = new RelayActivityCollector(trusted);
                SecondPassPlan plan = SecondPassPlan.of(sampler.of(sampledIps), journal ? List.of() : files);
                LogStream.Pass p2 = null;
                if (!plan.queueIds().isEmpty() && (journal ? plan.from() != null : !plan.ranges().isEmpty())) {
                    String script = journal ? HostLogScan.journalSecondPass(plan.from(), plan.until(), plan.queueIds())
                            : HostLogScan.secondPass(plan.ranges(), plan.queueIds());
                    p2 = LogStream.run(ctx, script, new OffsetLogReader(parser, from, false), (e, file, offset) -> detail.accept(e));
                }
                Map<String, RelayActivity> details = new HashMap<>();
                detail.relays().forEach(r -> details.put(r.ip(), r));
                Map<String, QueuedFromIp.Summary> queued = QueuedFromIp.read(ctx, zone, trusted);

                List<Map<String, Object>> clients = new ArrayList<>();
                List<Map<String, Object>> rogue = new ArrayList<>();
                Set<String> seen = new LinkedHashSet<>();
                for (RelayActivity a : all) {
                    RelayVerdict v = RelayVerdict.judge(a, details.get(a.ip()), queued.get(QueuedFromIp.canonical(a.ip())), trust, approved, hasApproved,
                            localDomains, thresholds);
                    clients.add(v.toMap());
                    if (v.flagged()) rogue.add(v.toMap());
                    seen.add(a.ip());
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("rogueRelays", rogue);
                out.put("trustedClients", clients);
                if (ip != null) {
                    Map<String, Object> asked = clients.stream().filter(c -> Cidr.parse(ip).equals(Cidr.parse((String) c.get("ip"))))
                            .findFirst().orElse(null);
                    out.put("ip", asked != null ? asked : RelayVerdict.unseen(ip, trust, approved, hasApproved, queued.get(QueuedFromIp.canonical(ip))));
                }
                out.put("trust", trust.toMap());
                out.put("window", Findings.window(from, now));
                Map<String, Object> scanned = new LinkedHashMap<>();
                scanned.put("lines", p1.lines() + (p2 == null ? 0 : p2.lines()));
                scanned.put("bytes", p1.bytes() + (p2 == null ? 0 : p2.bytes()));
                scanned.put("sampledQueueIds", plan.queueIds().size());
                scanned.put("untrackedMessages", volume.untracked());
                out.put("scanned", scanned);
                return out;
            }
        };
    }

    /** The domains the server receives for: senders from any other domain are foreign to it. */
    static Set<String> localDomains(String postconfOutput) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : postconfOutput.split("[,\\s]+")) {
            String d = t.strip().toLowerCase(Locale.ROOT);
            if (!d.isEmpty() && d.indexOf(':') < 0 && d.indexOf('/') < 0 && d.indexOf('$') < 0) out.add(d);
        }
        return out;
    }

    private static List<String> hostList(Host host, String key) {
        String v = host.var(key);
        if (v == null) return List.of();
        String s = v.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        List<String> out = new ArrayList<>();
        for (String part : s.split("[,\\s]+")) if (!part.isEmpty()) out.add(part);
        return out;
    }

    /** The host-side filter of the first pass. */
    static final class RelayLogScan {
        private RelayLogScan() {
        }

        /** Every {@code client=} line (one per accepted message) except authenticated ones, dropped on the host. */
        static String firstPass(List<String> files, boolean journal, Instant from) {
            GrepFilter clients = new GrepFilter(List.of(": client="));
            String inner = journal ? "echo '" + HostLogScan.FILE_MARKER + "0'\n" + HostLogScan.journalFirstPass(clients, from)
                    : HostLogScan.firstPass(files, clients, from);
            return "{\n" + inner + "} | grep -v -F -e 'sasl_username='\ntrue\n";
        }
    }
}
