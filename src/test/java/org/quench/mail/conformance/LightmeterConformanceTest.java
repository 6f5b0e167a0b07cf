package org.quench.mail.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.AmavisFwd;
import org.quench.mail.log.Delivery;
import org.quench.mail.log.DeliveryStatus;
import org.quench.mail.log.LogRotation;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.SaslFailure;
import org.quench.mail.log.SmtpdClient;
import org.quench.mail.log.SmtpdReject;

/**
 * Lightmeter's real anonymised server log (AGPL-3.0, read in place, never copied). There is no
 * upstream oracle, so: (1) no Postfix/Dovecot/amavis line may make the parser throw; (2) parse
 * coverage per program is printed; (3) facts counted by hand with grep and frozen here
 * (numbers from peers/README.md, re-checked) must come out of the events.
 */
class LightmeterConformanceTest {
    private static final Pattern PROGRAM = Pattern.compile("^\\S+\\s+\\d+\\s+\\S+\\s+\\S+\\s+([^\\[:\\s]+)");
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2021, 1, 31), ZoneOffset.UTC);

    @Test
    void realServerLog() throws IOException {
        Path dir = PeerCorpus.path("lightmeter-controlcenter/test_files/postfix_logs/complete/logs_sample");
        List<Path> mailLog = LogRotation.chronological(List.of(dir.resolve("mail.log.1"), dir.resolve("mail.log")));
        List<Path> warn;
        try (Stream<Path> s = Files.list(dir)) {
            warn = LogRotation.chronological(s.filter(p -> p.getFileName().toString().startsWith("mail.warn")).toList());
        }
        Coverage cov = new Coverage();
        List<MailEvent> events = new ArrayList<>();
        for (Path p : mailLog) {
            scan(p, cov, events);
        }
        List<MailEvent> warnEvents = new ArrayList<>();
        for (Path p : warn) {
            scan(p, cov, warnEvents);
        }
        try (Stream<Path> s = Files.list(dir.resolveSibling("../individual_files").normalize())) {
            for (Path p : s.sorted().toList()) {
                scan(p, cov, new ArrayList<>());
            }
        }
        cov.print();

        // Frozen facts of mail.log.1 + mail.log (27–28 Jan 2021)
        List<SmtpdClient> clients = ofType(events, SmtpdClient.class);
        List<SmtpdClient> auth = clients.stream().filter(SmtpdClient::authenticated).toList();
        assertThat(auth).hasSize(49).allMatch(c -> c.service().equals("postfix/submission/smtpd"));
        assertThat(auth.stream().map(SmtpdClient::saslUsername).distinct()).hasSize(2);
        assertThat(auth.stream().filter(c -> "LOGIN".equals(c.saslMethod())).map(SmtpdClient::clientIp).distinct())
                .hasSize(1);
        List<SmtpdClient> unauth = clients.stream().filter(c -> !c.authenticated()).toList();
        assertThat(unauth.stream().filter(c -> !c.clientIp().startsWith("127."))).hasSize(107);
        assertThat(unauth.stream().filter(c -> c.clientIp().startsWith("127."))).hasSize(155);
        Set<String> reinjected = new HashSet<>();
        unauth.stream().filter(c -> "localhost".equals(c.clientHost())).forEach(c -> reinjected.add(c.queueId()));
        List<AmavisFwd> fwd = ofType(events, AmavisFwd.class);
        assertThat(fwd).hasSize(155).allMatch(f -> reinjected.contains(f.queuedAs()));
        assertThat(ofType(events, SmtpdReject.class).stream().filter(SmtpdReject::blockedByDnsbl)).hasSize(7);
        assertThat(ofType(events, Delivery.class).stream().filter(d -> d.status() == DeliveryStatus.BOUNCED
                && d.reply() != null && d.reply().contains("block list (S3140)"))).hasSize(1);

        // mail.warn*: 1,271 SASL failures from 9 IPs, two of them ≈540 each
        List<SaslFailure> failures = ofType(warnEvents, SaslFailure.class);
        assertThat(failures).hasSize(1271);
        Map<String, Integer> perIp = new HashMap<>();
        failures.forEach(f -> perIp.merge(f.clientIp(), 1, Integer::sum));
        assertThat(perIp).hasSize(9);
        assertThat(perIp.values().stream().filter(n -> n > 500)).hasSize(2);
    }

    private void scan(Path p, Coverage cov, List<MailEvent> sink) throws IOException {
        try (InputStream raw = Files.newInputStream(p);
             InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = PROGRAM.matcher(line);
                String program = m.find() ? m.group(1) : "?";
                MailEvent e = parser.parseOrThrow(line); // a parser bug fails the test here
                cov.count(program, e);
                if (e != null) {
                    sink.add(e);
                }
            }
        }
    }

    private static <T> List<T> ofType(List<MailEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Lines and events per program, printed as the coverage figure. */
    private static final class Coverage {
        private final Map<String, int[]> byProgram = new TreeMap<>();

        void count(String program, MailEvent e) {
            int[] c = byProgram.computeIfAbsent(program, k -> new int[2]);
            c[0]++;
            if (e != null) {
                c[1]++;
            }
        }

        void print() {
            int lines = 0;
            int events = 0;
            System.out.println("lightmeter: events per program (lines that produced a typed event / lines)");
            for (Map.Entry<String, int[]> x : byProgram.entrySet()) {
                String prog = x.getKey();
                if (prog.startsWith("postfix") || prog.startsWith("dovecot") || prog.startsWith("amavis")) {
                    System.out.printf("  %-32s %5d / %5d%n", prog, x.getValue()[1], x.getValue()[0]);
                    lines += x.getValue()[0];
                    events += x.getValue()[1];
                }
            }
            System.out.printf("lightmeter: %d postfix/dovecot/amavis lines, %d typed events, 0 parser exceptions%n",
                    lines, events);
        }
    }
}
