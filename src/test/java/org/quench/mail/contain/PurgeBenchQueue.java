package org.quench.mail.contain;

import org.quench.lab.mail.MailLab;
import org.quench.lab.mail.SmtpClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills the lab queue for {@code bench/purge} (not a test): 5,100 messages over real SMTP, 2,600 of
 * them submitted by the compromised account mallory — most with forged envelope senders (other
 * people's addresses, the null sender, a hostile quoted local part) — and 2,500 of others',
 * including mail to mallory and mail in mallory's name relayed by a trusted host (not hers). Writes
 * {@code mallory.ids} and {@code others.ids} to the directory given, then waits until every message
 * had its delivery attempt. Empties the lab queue first.
 */
public final class PurgeBenchQueue {
    static final String CANARY = "/tmp/quench-bench-canary";
    private static final List<String> FORGED = List.of("mallory@example.test", "ceo@bank.test", "", "alice@example.test",
            "\"$(touch " + CANARY + ")\"@evil.test", "billing@shop.test", "noreply@paypal.test", "bob@example.test");

    private PurgeBenchQueue() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        MailLab lab = MailLab.get();
        lab.reset();
        List<String> mallory = Collections.synchronizedList(new ArrayList<>());
        List<String> others = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> jobs = new ArrayList<>();
        jobs.add(pool.submit(sender(lab, "mallory", "127.0.1.66", 1300, FORGED, mallory, false)));
        jobs.add(pool.submit(sender(lab, "mallory", "127.0.1.67", 1300, FORGED, mallory, false)));
        jobs.add(pool.submit(sender(lab, "alice", "127.0.1.11", 1000, List.of("alice@example.test"), others, false)));
        jobs.add(pool.submit(sender(lab, "bob", "127.0.1.12", 900, List.of("bob@example.test"), others, false)));
        jobs.add(pool.submit(sender(lab, "bob", "127.0.1.13", 100, List.of("bob@example.test"), others, true)));
        jobs.add(pool.submit(sender(lab, "carol", "127.0.1.14", 400, List.of("carol@example.test", ""), others, false)));
        for (Future<?> f : jobs) f.get();
        // a web application on a trusted relay sending in mallory's name: not her mail
        try (SmtpClient relay = lab.smtp(lab.trustedRelay(), "app.corp.test")) {
            for (int i = 0; i < 100; i++) others.add(send(relay, "mallory@example.test", "customer" + i + "@example.net"));
        }
        pool.shutdown();
        Files.write(out.resolve("mallory.ids"), mallory);
        Files.write(out.resolve("others.ids"), others);
        lab.awaitSettled(mallory.size() + others.size(), Duration.ofMinutes(10));
        System.out.println("queued " + mallory.size() + " of mallory's and " + others.size() + " others'");
    }

    private static Callable<Void> sender(MailLab lab, String user, String ip, int n, List<String> senders, List<String> ids,
                                         boolean toMallory) {
        return () -> {
            try (SmtpClient c = lab.authenticated(user, ip)) {
                for (int i = 0; i < n; i++) {
                    String from = senders.get(i % senders.size());
                    String rcpt = "r" + i + "@example" + (i % 7) + ".net";
                    ids.add(toMallory ? send(c, from, "mallory@example.test", rcpt) : send(c, from, rcpt));
                }
            }
            return null;
        };
    }

    private static String send(SmtpClient c, String from, String... to) throws Exception {
        List<String> rcpts = List.of(to);
        return c.send(from, rcpts, SmtpClient.message("Support <support@bank.test>", rcpts, "offer", "cheap pills"));
    }
}
