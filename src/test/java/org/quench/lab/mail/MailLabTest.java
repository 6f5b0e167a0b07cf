package org.quench.lab.mail;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.mail.queue.QueuedMessage;

import javax.naming.NameNotFoundException;
import javax.naming.directory.Attributes;
import javax.naming.directory.InitialDirContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lab behaves as lab/README.md says: the facts the runbook tests build on. */
class MailLabTest {
    private static MailLab lab;

    @BeforeAll
    static void up() {
        lab = MailLab.get();
    }

    @BeforeEach
    void clean() {
        lab.reset();
    }

    @Test
    void authenticatedMailToRemoteDomainsStaysDeferred() throws Exception {
        String id;
        try (SmtpClient c = lab.authenticated("alice", "127.0.1.11")) {
            id = c.send("alice@example.test", List.of("someone@example.net"),
                    SmtpClient.message("alice@example.test", List.of("someone@example.net"), "hi", "hello"));
        }
        List<QueuedMessage> q = lab.awaitSettled(1, Duration.ofSeconds(20));
        assertThat(q).singleElement().satisfies(m -> {
            assertThat(m.queueId()).isEqualTo(id);
            assertThat(m.queueName()).isEqualTo("deferred");
            assertThat(m.recipients().get(0).delayReason()).contains("451 4.7.1").contains("Greylisted");
        });
    }

    @Test
    void blockListedDomainBouncesWithOutlookText() throws Exception {
        long mark = lab.logMark();
        try (SmtpClient c = lab.authenticated("bob", "127.0.1.12")) {
            c.send("bob@example.test", List.of("friend@outlook.test"),
                    SmtpClient.message("bob@example.test", List.of("friend@outlook.test"), "hi", "hello"));
        }
        String log = lab.awaitLog(mark, "status=bounced", 1, Duration.ofSeconds(20));
        assertThat(log).contains("to=<friend@outlook.test>, relay=" + lab.remoteMxAddress() + "[" + lab.remoteMxAddress() + "]:"
                + lab.remoteBlockPort()).contains("said: 550 5.7.1 Unfortunately, messages from [127.0.0.1] weren't sent. "
                + "Please contact your Internet service provider since part of their network is on our block list (S3150)");
    }

    @Test
    void relayingNeedsMynetworksOrAuthentication() throws Exception {
        String message = SmtpClient.message("x@corp.test", List.of("a@example.net"), "relay", "body");
        try (SmtpClient outsider = lab.smtp("127.0.1.66", "outsider.test")) {
            SmtpClient.Transaction t = outsider.trySend("x@corp.test", List.of("a@example.net"), message);
            assertThat(t.recipients().get(0).code()).isEqualTo(554);
            assertThat(t.recipients().get(0).text()).contains("Relay access denied");
        }
        for (String trusted : List.of(lab.trustedRelay(), lab.rogueIp(), "127.0.0.17")) {
            try (SmtpClient relay = lab.smtp(trusted, "relay.corp.test")) {
                assertThat(relay.send("x@corp.test", List.of("a@example.net"), message)).isNotNull();
            }
        }
        assertThat(lab.mynetworks()).contains(lab.trustedCidr());
    }

    @Test
    void wrongPasswordIsRefused() throws Exception {
        try (SmtpClient c = lab.submission("127.0.1.13", "client.test")) {
            assertThat(c.tryAuthPlain("carol@example.test", "wrong").code()).isEqualTo(535);
        }
    }

    @Test
    void localDomainIsDeliveredToDovecot() throws Exception {
        try (SmtpClient c = lab.authenticated("alice", "127.0.1.11")) {
            c.send("alice@example.test", List.of("carol@example.test"),
                    SmtpClient.message("alice@example.test", List.of("carol@example.test"), "local", "body"));
        }
        long mark = 0;
        assertThat(lab.awaitLog(mark, "status=sent (delivered to maildir)", 1, Duration.ofSeconds(20)))
                .contains("to=<carol@example.test>");
        assertThat(lab.queue()).isEmpty();
    }

    @Test
    void imapSessionIsListedAndKicked() throws Exception {
        try (Imap session = lab.imap("bob", "127.0.1.20")) {
            assertThat(session.isOpen()).isTrue();
            assertThat(lab.run("doveadm who").stdout()).contains("bob@example.test");
            assertThat(lab.run("doveadm kick bob@example.test").stdout()).contains("bob@example.test");
            assertThat(session.awaitClosedByServer(Duration.ofSeconds(10))).isTrue();
        }
        assertThat(lab.run("doveadm who").stdout()).doesNotContain("bob@example.test");
    }

    @Test
    void dnsblZones() throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", "dns://" + lab.dnsServer());
        InitialDirContext dns = new InitialDirContext(env);
        Attributes sbl = dns.getAttributes("2.0.0.127.zen.test", new String[]{"A", "TXT"});
        assertThat(sbl.get("A").get()).isEqualTo("127.0.0.2");
        assertThat(sbl.get("TXT").get().toString()).contains("spamhaus.org");
        assertThat(dns.getAttributes("1.0.0.127.zen.test", new String[]{"A"}).get("A").get()).isEqualTo("127.0.0.3");
        assertThat(dns.getAttributes("20.0.0.127.zen.test", new String[]{"A"}).get("A").get()).isEqualTo("127.0.0.4");
        assertThat(dns.getAttributes("5.0.0.127.refused.test", new String[]{"A"}).get("A").get()).isEqualTo("127.255.255.254");
        assertThatThrownBy(() -> dns.getAttributes("9.0.0.127.zen.test", new String[]{"A"})).isInstanceOf(NameNotFoundException.class);
        assertThatThrownBy(() -> dns.getAttributes("1.0.0.127.clean.test", new String[]{"A"})).isInstanceOf(NameNotFoundException.class);
    }

    @Test
    void oneConnectionSendsHundredsOfMessagesPerSecond() throws Exception {
        int n = 500;
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        try (SmtpClient c = lab.authenticated("carol", "127.0.1.14")) {
            for (int i = 0; i < n; i++) {
                String rcpt = "r" + i + "@example.net";
                ids.add(c.send("carol@example.test", List.of(rcpt), SmtpClient.message("carol@example.test", List.of(rcpt), "n" + i, "x")));
            }
        }
        double rate = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("SmtpClient: %d messages over one connection at %.0f msg/s%n", n, rate);
        assertThat(ids).doesNotContainNull().doesNotHaveDuplicates();
        long settle = System.nanoTime();
        lab.awaitSettled(n, Duration.ofSeconds(60));
        System.out.printf("queue settled (all deferred) %.1f s after the last message%n", (System.nanoTime() - settle) / 1e9);
        assertThat(rate).isGreaterThan(50);
    }
}
