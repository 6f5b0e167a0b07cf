package org.quench.mail.detect;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.activity.RelayActivity;
import org.quench.mail.activity.RelayActivityCollector;
import org.quench.mail.audit.RelayDrift;
import org.quench.mail.audit.TrustResults;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.TrustEntry;
import org.quench.mail.log.GrepFilter;
import org.quench.mail.log.MailLogParser;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: mail.relayed-volume} — messages each trusted client relayed without SMTP AUTH in the
 * window, from the mail log filtered on the host ({@code grep -F ': client='}, {@link HostLogScan}),
 * against a threshold. Clients are counted when the host trusts them ({@code trust}: the result
 * of a {@code postfix.trust} step, first match as Postfix decides); the server's own addresses (127.0.0.1, ::1) are not counted: content filters and
 * local webmail re-inject through them.
 *
 * <p>Returns {@code {byIp: [{ip, messages, insideCidr}], over: [same, messages > threshold],
 * threshold, window: {from, until}}}.
 */
public final class RelayedVolumeModule implements StepModule {
    public static final String NAME = "mail.relayed-volume";
    static final int DEFAULT_THRESHOLD = 500;
    private static final int MAX_IPS = 100_000;

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("since", "trust", "threshold", "log_files", "log_source"),
                Set.of("since", "trust"), "messages relayed without SMTP AUTH per trusted client IP in the window, vs a threshold");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        Duration since = with.duration("since");
        long threshold = with.number("threshold", DEFAULT_THRESHOLD);
        if (threshold < 0) throw new IllegalArgumentException(NAME + ": `threshold` must not be negative");
        EffectiveTrust trusted = TrustResults.from(args.get("trust"), NAME);
        LogSource log = with.logSource();
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand("sh -s", log.describe()
                        + " filtered with grep -F ': client='"));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                return scan(ctx, log.files(), log.journal(), since, trusted, threshold);
            }
        };
    }

    private static Map<String, Object> scan(ModuleContext ctx, List<String> files, boolean journal, Duration since,
                                            EffectiveTrust trusted, long threshold) throws ModuleFailure, TransportException {
        Instant now = Instant.now();
        Instant from = since == null ? null : now.minus(since);
        ZoneId zone = ZoneId.systemDefault();
        MailLogParser parser = new MailLogParser(now.atZone(zone).toLocalDate(), zone);
        // Only client= lines come through the filter: no queue id ever waits for delivery lines.
        RelayActivityCollector relays = new RelayActivityCollector(ip -> insideOf(trusted, ip) != null, MAX_IPS, 1, 1);
        GrepFilter filter = GrepFilter.acceptedMessages();
        String script = journal ? "echo '" + HostLogScan.FILE_MARKER + "0'\n" + HostLogScan.journalFirstPass(filter, from)
                : HostLogScan.firstPass(files, filter, from);
        LogStream.run(ctx, script, new OffsetLogReader(parser, from, true), (e, file, offset) -> relays.accept(e));
        List<Map<String, Object>> byIp = new ArrayList<>();
        List<Map<String, Object>> over = new ArrayList<>();
        for (RelayActivity r : relays.relays()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ip", r.ip());
            m.put("messages", r.messages());
            TrustEntry inside = insideOf(trusted, r.ip());
            m.put("insideCidr", inside == null ? null : inside.cidr().text());
            byIp.add(m);
            if (r.messages() > threshold) over.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("byIp", byIp);
        out.put("over", over);
        out.put("threshold", threshold);
        out.put("untrackedMessages", relays.untracked());
        out.put("window", Findings.window(from, now));
        return out;
    }

    /**
     * The entry that trusts {@code ip} (Postfix's first match, so an exclusion before it wins), or
     * null — also for the server itself and for text that is not an address.
     */
    private static TrustEntry insideOf(EffectiveTrust trusted, String ip) {
        if (!Cidr.isLiteral(ip) || RelayDrift.serverItself(Cidr.parse(ip))) return null;
        return trusted.matchingEntry(ip).filter(e -> !e.exclusion()).orElse(null);
    }
}
