package org.quench.mail.detect;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.activity.AccountActivity;
import org.quench.mail.activity.AccountActivityCollector;
import org.quench.mail.activity.BruteForceCollector;
import org.quench.mail.log.GrepFilter;
import org.quench.mail.contain.HostZone;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.queue.QueueOutputException;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code uses: mail.accounts} — which SASL accounts send like hijacked ones, and which IPs guess
 * passwords, from the mail log filtered on the host.
 *
 * <p>Two passes ({@link HostLogScan}): the first streams the {@code sasl_username=} and
 * authentication-failure lines of every file (volume and client IPs per account, failures per IP,
 * where each account's latest submissions are); the second reads only the bytes around the latest
 * submissions of the accounts worth a closer look, for their envelope senders, recipients,
 * outcomes and header From. Accounts below {@code min_messages} and {@code min_client_ips} (and not
 * named by {@code user}) cannot reach the score without those, so they are not looked at twice.
 */
public final class AccountsModule implements StepModule {
    public static final String NAME = "mail.accounts";
    static final int DEFAULT_TOP = 20;
    static final int DEFAULT_SAMPLE = 500;
    static final int MAX_CANDIDATES = 50;

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK,
                Set.of("since", "user", "log_files", "log_source", "reference", "utc_offset", "top", "sample",
                        "min_messages", "min_remote_recipients", "min_client_ips", "min_score", "bruteforce_min_failures",
                        "queue"),
                Set.of(),
                "accounts sending like hijacked ones (score with reasons) and brute-force IPs, from the mail log");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments with = new StepArguments(NAME, args);
        Thresholds thresholds = Thresholds.from(with);
        Duration since = with.duration("since");
        Instant reference = with.instant("reference");
        String user = with.string("user");
        int top = (int) with.number("top", DEFAULT_TOP);
        int sample = (int) with.number("sample", DEFAULT_SAMPLE);
        if (sample < 1 || top < 1) {
            throw new IllegalArgumentException(NAME + ": `top` and `sample` must be at least 1");
        }
        ZoneId zone = with.utcOffset("utc_offset");
        LogSource log = with.logSource();
        boolean queue = with.bool("queue", true);
        ZoneId hostZone = queue ? HostZone.of(host) : null;
        Scan scan = new Scan(log.files(), log.journal(), since, reference, zone, user, thresholds, top, sample, queue, hostZone);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand("sh -s", log.describe()
                        + " filtered with grep -F for SASL submissions and failures, then the sampled queue ids"));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                return scan.run(ctx);
            }
        };
    }

    /** One execution's settings and its two passes. */
    private record Scan(List<String> files, boolean journal, Duration since, Instant reference, ZoneId zone,
                        String user, Thresholds thresholds, int top, int sample, boolean queue, ZoneId hostZone) {

        @SuppressWarnings("unchecked")
        Map<String, Object> run(ModuleContext ctx) throws ModuleFailure, TransportException {
            Instant now = reference != null ? reference : Instant.now();
            Instant from = since == null ? null : now.minus(since);
            MailLogParser parser = new MailLogParser(now.atZone(zone).toLocalDate(), zone);

            // First pass: every SASL submission and authentication failure in the window.
            // No qmgr/delivery lines in this pass: keeping queue ids open for them would only grow
            // with the log (up to the collector's 500,000), so keep one.
            AccountActivityCollector accounts = new AccountActivityCollector(100_000, 10_000, 1);
            BruteForceCollector bruteForce = new BruteForceCollector();
            SubmissionSampler sampler = new SubmissionSampler(sample, 100_000);
            GrepFilter firstFilter = GrepFilter.authenticatedSubmissions().and(GrepFilter.authenticationFailures());
            String firstScript = journal ? "echo '" + HostLogScan.FILE_MARKER + "0'\n" + HostLogScan.journalFirstPass(firstFilter, from)
                    : HostLogScan.firstPass(files, firstFilter, from);
            OffsetLogReader firstReader = new OffsetLogReader(parser, from, true);
            LogStream.Pass first = LogStream.run(ctx, firstScript, firstReader, (e, file, offset) -> {
                accounts.accept(e);
                bruteForce.accept(e);
                sampler.accept(e, file, offset);
            });

            List<AccountActivity> all = accounts.accounts();
            List<String> candidates = candidates(all);

            // Second pass: envelope senders, recipients, outcomes of the candidates' latest submissions.
            AccountActivityCollector sampled = new AccountActivityCollector();
            HeaderFromCollector headers = new HeaderFromCollector();
            SecondPassPlan plan = SecondPassPlan.of(sampler.of(candidates), journal ? List.of() : files);
            LogStream.Pass second = null;
            if (!plan.queueIds().isEmpty() && (journal ? plan.from() != null : !plan.ranges().isEmpty())) {
                String script = journal ? HostLogScan.journalSecondPass(plan.from(), plan.until(), plan.queueIds())
                        : HostLogScan.secondPass(plan.ranges(), plan.queueIds());
                second = LogStream.run(ctx, script, new OffsetLogReader(parser, from, false), (e, file, offset) -> {
                    sampled.accept(e);
                    headers.accept(e);
                });
            }
            Map<String, AccountActivity> sampleByUser = new HashMap<>();
            for (AccountActivity a : sampled.accounts()) {
                sampleByUser.put(a.user(), a);
            }

            AccountScorer scorer = new AccountScorer(thresholds);
            List<AccountScorer.Verdict> verdicts = new ArrayList<>();
            for (AccountActivity a : all) {
                verdicts.add(scorer.score(AccountEvidence.of(a, sampleByUser.get(a.user()), headers.of(a.user()))));
            }
            verdicts.sort(Comparator.comparingInt(AccountScorer.Verdict::score).reversed()
                    .thenComparing(v -> -v.evidence().messages())
                    .thenComparing(v -> v.evidence().user()));

            Map<String, Object> out = new LinkedHashMap<>();
            out.put("compromisedAccounts", verdicts.stream().filter(AccountScorer.Verdict::flagged).map(Findings::account).toList());
            List<Map<String, Object>> listed = new ArrayList<>();
            for (int i = 0; i < verdicts.size(); i++) {
                AccountScorer.Verdict v = verdicts.get(i);
                if (i < top || v.evidence().user().equalsIgnoreCase(user == null ? "" : user)) {
                    listed.add(Findings.account(v));
                }
            }
            out.put("accounts", listed);
            out.put("user", user == null ? null : verdicts.stream().filter(v -> v.evidence().user().equalsIgnoreCase(user))
                    .findFirst().map(Findings::account).orElseGet(() -> Findings.unseen(user)));
            // queued: only when there is something to report (an incident or the account asked
            // about), since it reads the whole queue's envelopes.
            List<Map<String, Object>> flagged = (List<Map<String, Object>>) out.get("compromisedAccounts");
            if (queue && (!flagged.isEmpty() || user != null)) {
                List<Map<String, Object>> reported = new ArrayList<>(flagged);
                reported.addAll(listed);
                if (out.get("user") instanceof Map<?, ?> asked) {
                    reported.add((Map<String, Object>) asked);
                }
                Set<String> names = new LinkedHashSet<>();
                reported.forEach(m -> names.add((String) m.get("user")));
                try {
                    Map<String, Integer> queued = QueuedPerAccount.count(ctx, hostZone, names);
                    reported.forEach(m -> m.put("queued", queued.get((String) m.get("user"))));
                } catch (QueueOutputException e) {
                    out.put("queueError", e.getMessage());
                }
            }
            out.put("bruteForce", bruteForce.atLeast(thresholds.bruteForceMinFailures()).stream().map(Findings::bruteForce).toList());
            out.put("window", Findings.window(from, now));
            out.put("scanned", Findings.scanned(first, second, plan, journal ? 0 : files.size(), candidates.size(),
                    accounts.untrackedAccounts(), bruteForce.untrackedFailures()));
            return out;
        }

        /** Accounts that may reach the score: enough volume or IPs, plus the one asked about. */
        private List<String> candidates(List<AccountActivity> all) {
            List<AccountActivity> worth = new ArrayList<>();
            for (AccountActivity a : all) {
                boolean asked = user != null && a.user().equalsIgnoreCase(user);
                if (asked || a.messages() >= thresholds.minMessages() || a.clientIps() >= thresholds.minClientIps()) {
                    worth.add(a);
                }
            }
            // Most suspicious first when there are too many to sample: IPs weigh more than volume.
            worth.sort(Comparator.comparingDouble((AccountActivity a) -> -(a.clientIps() / (double) thresholds.minClientIps()
                    + a.messages() / (double) thresholds.minMessages() / 4)));
            List<String> out = new ArrayList<>();
            for (AccountActivity a : worth) {
                boolean asked = user != null && a.user().equalsIgnoreCase(user);
                if (asked || out.size() < MAX_CANDIDATES) {
                    out.add(a.user());
                }
            }
            return out;
        }
    }
}
