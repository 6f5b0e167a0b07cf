package org.quench.mail.conformance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.quench.mail.activity.BruteForce;
import org.quench.mail.activity.BruteForceCollector;
import org.quench.mail.log.AmavisResult;
import org.quench.mail.log.DovecotAuthFailure;
import org.quench.mail.log.DovecotLogin;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.PostscreenEvent;
import org.quench.mail.log.SaslFailure;
import org.quench.mail.log.SmtpdClient;
import org.quench.mail.log.SmtpdProtocolViolation;
import org.quench.mail.log.SmtpdReject;
import org.quench.mail.log.SmtpdSessionEnd;

/**
 * CrowdSec hub parser tests (MIT, read in place). Each {@code parser.assert} states, per input
 * line index, fields of the parse result. The relevant ones translated to our events:
 * {@code s00-raw … Parsed["program"]} → {@code header().program()},
 * {@code s01-parse … Meta["source_ip"]} → the client IP of the event,
 * {@code s01-parse … Parsed["dovecot_user"]} → the Dovecot user.
 * A line agrees when every translated assertion about it holds.
 */
class CrowdsecConformanceTest {
    private static final Pattern ASSERT = Pattern.compile(
            "^results\\[\"(s0\\d-[a-z]+)\"\\]\\[\"[^\"]+\"\\]\\[(\\d+)\\]\\.Evt\\.(Meta|Parsed)\\[\"([a-z_]+)\"\\] == \"(.*)\"$");

    private final MailLogParser parser = new MailLogParser(LocalDate.of(2025, 12, 31), ZoneOffset.UTC);

    @Test
    void parserAsserts() throws IOException {
        Agreement a = new Agreement("crowdsec-parser-asserts");
        List<Path> dirs;
        try (Stream<Path> s = Files.list(PeerCorpus.path("crowdsec-hub/tests"))) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path dir : dirs) {
            Path asserts = dir.resolve("parser.assert");
            if (!Files.exists(asserts)) {
                continue;
            }
            Path log;
            try (Stream<Path> s = Files.list(dir)) {
                log = s.filter(p -> p.toString().endsWith(".log")).findFirst().orElse(null);
            }
            if (log == null) {
                continue;
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            Map<Integer, Map<String, String>> expected = expectations(asserts);
            for (Map.Entry<Integer, Map<String, String>> ex : expected.entrySet()) {
                int idx = ex.getKey();
                if (idx >= lines.size()) {
                    continue;
                }
                MailEvent e = parser.parseOrThrow(lines.get(idx));
                String key = "crowdsec:" + dir.getFileName() + ":" + idx;
                StringBuilder diff = new StringBuilder();
                for (Map.Entry<String, String> f : ex.getValue().entrySet()) {
                    String ours = ours(f.getKey(), e);
                    if (!f.getValue().equals(ours)) {
                        diff.append(f.getKey()).append(" expected '").append(f.getValue())
                                .append("' got '").append(ours).append("'; ");
                    }
                }
                a.check(diff.length() == 0, key, diff + "event " + e);
            }
        }
        a.report(0.90);
    }

    /**
     * The scenario tests' inputs, checked through our aggregation (their thresholds are
     * CrowdSec's; ours are runbook parameters, so the facts are checked, not the alert).
     */
    @Test
    void scenarioInputs() throws IOException {
        Agreement a = new Agreement("crowdsec-scenarios");
        BruteForceCollector bf = collect("postfix-sasl-bf/postfix-sasl-bf.log");
        List<BruteForce> ips = bf.atLeast(1);
        a.check(ips.size() == 1 && ips.get(0).ip().equals("203.0.113.42") && ips.get(0).saslFailures() == 3,
                "crowdsec:postfix-sasl-bf", "expected 3 failures from 203.0.113.42, got " + ips);
        List<BruteForce> honeypot = collect("postfix-honeypot-users/postfix-honeypot-users.log").atLeast(1);
        long users = honeypot.stream().flatMap(b -> b.sampleUsers().stream()).distinct().count();
        a.check(honeypot.size() == 9 && users == 9 && honeypot.stream().allMatch(b -> b.failures() == 1),
                "crowdsec:postfix-honeypot-users", "expected 9 one-shot IPs with 9 users, got " + honeypot);
        long relayDenied = Files.readAllLines(PeerCorpus.path("crowdsec-hub/tests/postfix-relay/postfix-spam.log"))
                .stream().map(parser::parseOrThrow)
                .filter(e -> e instanceof SmtpdReject r && r.relayDenied() && "192.168.1.1".equals(r.clientIp())).count();
        a.check(relayDenied == 2, "crowdsec:postfix-relay", "expected 2 relay-denied rejects, got " + relayDenied);
        a.report(1.0);
    }

    private BruteForceCollector collect(String log) throws IOException {
        BruteForceCollector c = new BruteForceCollector();
        for (String l : Files.readAllLines(PeerCorpus.path("crowdsec-hub/tests/" + log), StandardCharsets.UTF_8)) {
            MailEvent e = parser.parseOrThrow(l);
            if (e != null) {
                c.accept(e);
            }
        }
        return c;
    }

    /** Per line index: translated field → expected value (only fields we model). */
    private static Map<Integer, Map<String, String>> expectations(Path asserts) throws IOException {
        Map<Integer, Map<String, String>> out = new TreeMap<>();
        for (String l : Files.readAllLines(asserts, StandardCharsets.UTF_8)) {
            Matcher m = ASSERT.matcher(l.trim());
            if (!m.matches()) {
                continue;
            }
            String stage = m.group(1);
            String field = m.group(4);
            String ours = null;
            if (stage.equals("s00-raw") && field.equals("program")) {
                ours = "program";
            } else if (stage.equals("s01-parse") && field.equals("source_ip")) {
                ours = "ip";
            } else if (stage.equals("s01-parse") && field.equals("dovecot_user")) {
                ours = "user";
            }
            if (ours != null) {
                out.computeIfAbsent(Integer.parseInt(m.group(2)), k -> new HashMap<>()).put(ours, m.group(5));
            }
        }
        return out;
    }

    private static String ours(String field, MailEvent e) {
        if (e == null) {
            return null;
        }
        switch (field) {
            case "program":
                return e.header().program();
            case "user":
                if (e instanceof DovecotAuthFailure f) {
                    return f.user();
                }
                return e instanceof DovecotLogin l ? l.user() : null;
            default:
                return clientIp(e);
        }
    }

    static String clientIp(MailEvent e) {
        if (e instanceof SaslFailure f) {
            return f.clientIp();
        }
        if (e instanceof SmtpdReject r) {
            return r.clientIp();
        }
        if (e instanceof SmtpdClient c) {
            return c.clientIp();
        }
        if (e instanceof SmtpdProtocolViolation v) {
            return v.clientIp();
        }
        if (e instanceof SmtpdSessionEnd s) {
            return s.clientIp();
        }
        if (e instanceof PostscreenEvent p) {
            return p.clientIp();
        }
        if (e instanceof DovecotAuthFailure f) {
            return f.rip();
        }
        if (e instanceof DovecotLogin l) {
            return l.rip();
        }
        if (e instanceof AmavisResult r) {
            return r.clientIp();
        }
        return null;
    }
}
