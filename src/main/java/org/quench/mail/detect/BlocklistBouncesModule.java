package org.quench.mail.detect;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.contain.ContextTransport;
import org.quench.mail.contain.HostZone;
import org.quench.mail.log.GrepFilter;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.queue.MailQueue;
import org.quench.mail.queue.QueueRunState;
import org.quench.mail.queue.QueuedMessage;
import org.quench.mail.queue.QueuedRecipient;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: mail.blocklist-bounces} — the evidence of a block listing in the server's own mail:
 * remote refusals that blame its reputation ({@link BlocklistCitation}), grouped by provider with
 * counts and one sample each, and backscatter: bounces Postfix queued for senders at other domains
 * (the null sender, MAILER-DAEMON), which a spam run with forged senders produces by the thousand and
 * which keep the lists' traps fed after the spam stopped.
 *
 * <p>One log pass, filtered on the host to the delivery lines with {@code status=bounced} or
 * {@code status=deferred} and to bounce notifications ({@link HostLogScan}); then {@code postqueue -j}.
 *
 * <p>Returns {@code {blocklistBounces: [{provider, count, bounced, deferred, recipients, lists, dsn,
 * sample, firstSeen, lastSeen}], backscatter: {queued, recipients, byRecipientDomain: [{domain,
 * count}], queueIds, logged, sample}, window, scanned: {lines, bytes, refusals}}}.
 */
public final class BlocklistBouncesModule implements StepModule {
    public static final String NAME = "mail.blocklist-bounces";
    static final GrepFilter FILTER = new GrepFilter(List.of(" status=bounced ", " status=deferred ", ": sender non-delivery notification: "));
    private static final int TOP_DOMAINS = 10;
    private static final int SAMPLE = 5;

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("since", "log_files", "log_source", "reference", "utc_offset"),
                Set.of(), "remote refusals citing block lists, per provider, and queued backscatter (bounces to other domains)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        Duration since = with.duration("since");
        Instant reference = with.instant("reference");
        ZoneId zone = with.utcOffset("utc_offset");
        ZoneId queueZone = HostZone.of(host);
        LogSource log = with.logSource();
        boolean journal = log.journal();
        List<String> files = log.files();
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(RogueRelaysModule.DOMAINS, null),
                        new PlannedCommand("sh -s", log.describe()
                                + " filtered with grep -F for status=bounced, status=deferred and sender non-delivery notification lines"),
                        new PlannedCommand("postqueue -j", null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                ExecResult d = ctx.exec(RogueRelaysModule.DOMAINS, null, ctx.timeout());
                if (!d.ok()) throw new ModuleFailure(NAME + ": cannot read the server's domains (exit " + d.exitCode() + ")");
                Set<String> localDomains = RogueRelaysModule.localDomains(d.stdout());
                Instant now = reference != null ? reference : Instant.now();
                Instant from = since == null ? null : now.minus(since);
                MailLogParser parser = new MailLogParser(now.atZone(zone).toLocalDate(), zone);
                String script = journal ? "echo '" + HostLogScan.FILE_MARKER + "0'\n" + HostLogScan.journalFirstPass(FILTER, from)
                        : HostLogScan.firstPass(files, FILTER, from);
                BlocklistBounceCollector refusals = new BlocklistBounceCollector();
                LogStream.Pass pass = LogStream.run(ctx, script, new OffsetLogReader(parser, from, true),
                        (e, file, offset) -> refusals.accept(e));
                QueueRunState state = ctx.hostState(QueueRunState.class, QueueRunState::new);
                List<QueuedMessage> queued = new MailQueue(new ContextTransport(ctx), ctx.timeout(), queueZone, state).list();

                Map<String, Object> out = new LinkedHashMap<>();
                out.put("blocklistBounces", refusals.byProvider());
                out.put("backscatter", backscatter(queued, localDomains, refusals.notifications()));
                out.put("window", Findings.window(from, now));
                Map<String, Object> scanned = new LinkedHashMap<>();
                scanned.put("lines", pass.lines());
                scanned.put("bytes", pass.bytes());
                scanned.put("refusals", refusals.refusals());
                out.put("scanned", scanned);
                return out;
            }
        };
    }

    /** Queued bounces (null sender) with a recipient at a domain the server does not host. */
    static Map<String, Object> backscatter(List<QueuedMessage> queued, Set<String> localDomains, long logged) {
        List<String> ids = new ArrayList<>();
        Map<String, Integer> byDomain = new HashMap<>();
        List<Map<String, Object>> sample = new ArrayList<>();
        int recipients = 0;
        for (QueuedMessage m : queued) {
            if (!m.sender().isEmpty() && !"MAILER-DAEMON".equals(m.sender())) continue;
            boolean remote = false;
            for (QueuedRecipient r : m.recipients()) {
                String domain = BlocklistBounceCollector.domain(r.address());
                if (domain.isEmpty() || localDomains.contains(domain)) continue;
                remote = true;
                recipients++;
                byDomain.merge(domain, 1, Integer::sum);
                if (sample.size() < SAMPLE) {
                    Map<String, Object> s = new LinkedHashMap<>();
                    s.put("queueId", m.queueId());
                    s.put("to", r.address());
                    if (r.delayReason() != null) s.put("delayReason", r.delayReason());
                    sample.add(s);
                }
            }
            if (remote) ids.add(m.queueId());
        }
        List<Map<String, Object>> domains = new ArrayList<>();
        byDomain.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP_DOMAINS)
                .forEach(e -> domains.add(Map.of("domain", e.getKey(), "count", e.getValue())));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("queued", ids.size());
        out.put("recipients", recipients);
        out.put("byRecipientDomain", domains);
        out.put("queueIds", ids);
        out.put("logged", logged);
        out.put("sample", sample);
        return out;
    }
}
