package org.quench.mail.detect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.lab.mail.MailLab;
import org.quench.lab.mail.SmtpClient;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * mail.discover then mail.accounts against the real lab, with real SMTP traffic: a hijacked mallory
 * (AUTH from eight botnet addresses, forged and hostile envelope senders, hostile HELO, remote
 * recipients, some at a block-listing provider), carol's newsletter (one IP, her own address, many
 * recipients), a little of alice, and one IP guessing passwords (one of them a shell injection).
 *
 * <p>The lab is shared by concurrent test runs, which truncate /var/log/mail.log when they reset
 * it; the scan therefore reads a follow of the live log ({@code tail -F}, byte for byte Postfix's
 * own lines) that survives truncation, besides a run on the discovered live log itself.
 */
class AccountsOnLabTest {
    private static final Path CANARY = Path.of("/tmp/quench-detect-canary");
    private static final String BRUTE_IP = "127.0.2.200";
    private static MailLab lab;
    private Process follow;
    private Path capture;

    @BeforeAll
    static void up() {
        lab = MailLab.get();
    }

    @BeforeEach
    void startFollowing() throws Exception {
        Files.deleteIfExists(CANARY);
        capture = Files.createTempFile("quench-detect-maillog", ".log");
        follow = new ProcessBuilder("tail", "-n", "0", "-F", lab.mailLog().toString())
                .redirectOutput(capture.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Thread.sleep(300); // tail has opened the file
    }

    @AfterEach
    void stopFollowing() throws Exception {
        follow.destroy(); // our own tail, by its handle
        follow.waitFor(5, TimeUnit.SECONDS);
        Files.deleteIfExists(capture);
    }

    private static String message(String from, List<String> to) {
        return SmtpClient.message(from, to, "hello", "text");
    }

    private void traffic() throws Exception {
        String hostileSender = "\"$(touch " + CANARY + ")\"@evil.test";
        List<String> forged = List.of("ceo@bank.test", "alice@example.test", "billing@shop.test", hostileSender);
        int n = 0;
        for (int ip = 1; ip <= 8; ip++) {
            try (SmtpClient c = lab.submission("127.0.2." + ip, ip == 1 ? "$(touch " + CANARY + ")" : "bot" + ip + ".test")) {
                c.authPlain(lab.address("mallory"), lab.password("mallory"));
                for (int i = 0; i < 6; i++, n++) {
                    List<String> to = n % 3 == 0 ? List.of("victim" + n + "@outlook.test")
                            : List.of("v" + n + "a@example.org", "v" + n + "b@example.org", "v" + n + "c@example.net");
                    c.send(forged.get(n % forged.size()), to, message("Support <support@bank.test>", to));
                }
            }
        }
        try (SmtpClient c = lab.authenticated("carol", "127.0.1.13")) {
            for (int i = 0; i < 60; i++) {
                List<String> to = List.of("reader" + (3 * i) + "@example.net", "reader" + (3 * i + 1) + "@example.net",
                        "reader" + (3 * i + 2) + "@example.com");
                c.send(lab.address("carol"), to, message(lab.address("carol"), to));
            }
        }
        try (SmtpClient c = lab.authenticated("alice", "127.0.1.11")) {
            for (int i = 0; i < 3; i++) {
                c.send(lab.address("alice"), List.of("friend" + i + "@example.net"), message(lab.address("alice"), List.of("x")));
            }
        }
        // Dovecot delays every failure (and more for a repeat offender): guess in parallel.
        List<String> guesses = List.of("alice@example.test", "bob@example.test", "carol@example.test",
                "\"$(touch " + CANARY + ")\"@evil.test", "admin", "mallory@example.test");
        ExecutorService pool = Executors.newFixedThreadPool(guesses.size());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String user : guesses) {
                done.add(pool.submit(() -> {
                    try (SmtpClient c = lab.submission(BRUTE_IP, "[" + BRUTE_IP + "]")) {
                        c.tryAuthPlain(user, "wrong-password");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private long count(String text) throws Exception {
        try (var lines = Files.lines(capture)) {
            return lines.filter(l -> l.contains(text)).count();
        }
    }

    private void awaitCaptured(String text, long n) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (count(text) < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the mail log never showed " + n + " lines with " + text + " (saw " + count(text) + ")");
            }
            Thread.sleep(200);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoversTheHostThenFindsMalloryNotCarolAndTheBruteForceIp() throws Exception {
        traffic();
        awaitCaptured("sasl_username=mallory@example.test", 48);
        awaitCaptured("sasl_username=carol@example.test", 60);
        awaitCaptured("status=bounced", 16);
        awaitCaptured("[" + BRUTE_IP + "]: SASL PLAIN authentication failed", 6);
        Thread.sleep(1500); // the last deliveries of the burst

        LocalModuleContext ctx = new LocalModuleContext();
        Map<String, Object> facts = (Map<String, Object>) new DiscoverModule().prepare(ctx.host(), Map.of()).execute(ctx);
        assertThat((List<String>) facts.get("logFiles")).contains(lab.mailLog().toString());

        Map<String, Object> with = Map.of("log_files", List.of(capture.toString()), "log_source", facts.get("logSource"),
                "since", "15m", "utc_offset", facts.get("utcOffset"),
                // concurrent runs may send as mallory too: sample all her messages so ours are in it
                "sample", 100_000);
        Map<String, Object> out = (Map<String, Object>) new AccountsModule().prepare(ctx.host(), with).execute(ctx);

        List<Map<String, Object>> flagged = (List<Map<String, Object>>) out.get("compromisedAccounts");
        Map<String, Object> mallory = flagged.stream().filter(m -> m.get("user").equals("mallory@example.test")).findFirst()
                .orElseThrow(() -> new AssertionError("mallory not flagged: " + out.get("accounts")));
        assertThat((Long) mallory.get("messages")).isGreaterThanOrEqualTo(48);
        assertThat((Integer) mallory.get("clientIps")).isGreaterThanOrEqualTo(8);
        assertThat((List<String>) mallory.get("reasons"))
                .anyMatch(r -> r.contains("distinct client IPs"))
                .anyMatch(r -> r.contains("envelope sender other than the login"))
                .anyMatch(r -> r.contains("other domains") && r.contains("bank.test"));
        assertThat((Long) mallory.get("bounced")).isGreaterThanOrEqualTo(16); // outlook.test's block-list 550s
        assertThat((Long) mallory.get("bounceNotifications")).isGreaterThanOrEqualTo(1);
        assertThat(flagged).extracting(m -> m.get("user")).doesNotContain("carol@example.test", "alice@example.test");
        Map<String, Object> carol = ((List<Map<String, Object>>) out.get("accounts")).stream()
                .filter(m -> m.get("user").equals("carol@example.test")).findFirst().orElseThrow();
        assertThat(carol).containsEntry("flagged", false);
        assertThat((Long) carol.get("messages")).isGreaterThanOrEqualTo(60);

        // queued: what the queue files say about the SASL login, counted here independently with
        // postcat; 32 of mallory's 48 stay deferred (16 went to outlook.test and bounced).
        assertThat((Integer) mallory.get("queued")).isEqualTo(queuedBySaslLogin("mallory@example.test"))
                .isGreaterThanOrEqualTo(32);
        assertThat((Integer) carol.get("queued")).isEqualTo(queuedBySaslLogin("carol@example.test"))
                .isGreaterThanOrEqualTo(60);
        assertThat(out).doesNotContainKey("queueError");

        Map<String, Object> brute = ((List<Map<String, Object>>) out.get("bruteForce")).stream()
                .filter(m -> m.get("ip").equals(BRUTE_IP)).findFirst()
                .orElseThrow(() -> new AssertionError("no brute force from " + BRUTE_IP + ": " + out.get("bruteForce")));
        assertThat((Long) brute.get("failures")).isGreaterThanOrEqualTo(6);
        assertThat((List<String>) brute.get("sampleUsers")).contains("\"$(touch " + CANARY + ")\"@evil.test");

        // The same chain on the discovered live log (other runs may have truncated it: only that it reads it).
        Map<String, Object> live = (Map<String, Object>) new AccountsModule().prepare(ctx.host(), Map.of(
                "log_files", facts.get("logFiles"), "since", "15m", "utc_offset", facts.get("utcOffset"))).execute(ctx);
        assertThat((Map<String, Object>) live.get("scanned")).containsKey("lines");

        assertThat(CANARY).doesNotExist();
        assertThat(ctx.commands).contains("sh -s", "postqueue -j").allMatch(c -> c.equals("sh -s")
                || c.startsWith("postqueue -j") || c.startsWith("postconf -h mail_version") || c.startsWith("postcat -e -q "));

        // queue: false reads no queue and leaves queued empty.
        LocalModuleContext quiet = new LocalModuleContext();
        Map<String, Object> noQueue = (Map<String, Object>) new AccountsModule().prepare(quiet.host(), Map.of(
                "log_files", List.of(capture.toString()), "since", "15m", "utc_offset", facts.get("utcOffset"),
                "queue", "false")).execute(quiet);
        assertThat(((List<Map<String, Object>>) noQueue.get("compromisedAccounts"))).isNotEmpty()
                .allMatch(m -> m.get("queued") == null);
        assertThat(quiet.commands).containsOnly("sh -s");
    }

    /** Queued messages whose queue file records this SASL login, by postqueue and postcat alone. */
    private static int queuedBySaslLogin(String login) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", "postqueue -j | sed -n 's/.*\"queue_id\": \"\\([0-9A-Za-z]*\\)\".*/\\1/p'"
                + " | xargs -r postcat -e -q 2>/dev/null | grep -cFx \"named_attribute: sasl_username=$1\"", "sh", login)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor(60, TimeUnit.SECONDS);
        return Integer.parseInt(out);
    }
}
