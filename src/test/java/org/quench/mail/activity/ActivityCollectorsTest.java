package org.quench.mail.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.MailLogReader;

/** A compromised account and a brute-forcing IP, in Postfix 3.7 / Dovecot 2.3 lab format. */
class ActivityCollectorsTest {
    private static final String LOG = String.join("\n",
            // bob: forged envelope sender, two remote recipients, one bounce with a block-list reply
            "Nov 23 06:10:51 mx1 postfix/submission/smtpd[10]: 9525120C24D: client=unknown[127.0.0.21], sasl_method=PLAIN, sasl_username=bob@example.test",
            "Nov 23 06:10:51 mx1 postfix/qmgr[5]: 9525120C24D: from=<ceo@forged.test>, size=442, nrcpt=2 (queue active)",
            "Nov 23 06:10:52 mx1 postfix/smtp[11]: 9525120C24D: to=<v1@example.net>, relay=127.0.0.1[127.0.0.1]:2525, delay=1, delays=0/0/0/1, dsn=4.4.1, status=deferred (connect refused)",
            "Nov 23 06:10:52 mx1 postfix/smtp[11]: 9525120C24D: to=<v2@example.org>, relay=127.0.0.1[127.0.0.1]:2525, delay=1, delays=0/0/0/1, dsn=5.7.1, status=bounced (host x[127.0.0.1] said: 550 5.7.1 on our block list (in reply to RCPT TO command))",
            "Nov 23 06:10:52 mx1 postfix/bounce[12]: 9525120C24D: sender non-delivery notification: 0B0B0B0B0B",
            // bob again from another IP, own address, then removal frees the id
            "Nov 23 06:11:00 mx1 postfix/submission/smtpd[10]: 7FC2920C259: client=unknown[127.0.0.22], sasl_method=PLAIN, sasl_username=bob@example.test",
            "Nov 23 06:11:00 mx1 postfix/qmgr[5]: 7FC2920C259: from=<bob@example.test>, size=405, nrcpt=1 (queue active)",
            "Nov 23 06:11:01 mx1 postfix/smtp[11]: 7FC2920C259: to=<v1@example.net>, relay=127.0.0.1[127.0.0.1]:2525, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)",
            "Nov 23 06:11:01 mx1 postfix/qmgr[5]: 7FC2920C259: removed",
            // alice: bare-login account, own mail, local delivery
            "Nov 23 06:12:00 mx1 postfix/submission/smtpd[10]: 1A2B3C4D5E: client=unknown[127.0.0.30], sasl_method=LOGIN, sasl_username=alice",
            "Nov 23 06:12:00 mx1 postfix/qmgr[5]: 1A2B3C4D5E: from=<alice@example.test>, size=300, nrcpt=1 (queue active)",
            "Nov 23 06:12:01 mx1 postfix/lmtp[13]: 1A2B3C4D5E: to=<carol@example.test>, relay=mail[private/dovecot-lmtp], delay=0.1, delays=0/0/0/0.1, dsn=2.0.0, status=sent (250 ok)",
            // brute force from 127.0.0.66: Postfix SASL (new and lost-connection forms) and Dovecot
            "Nov 23 06:13:00 mx1 postfix/submission/smtpd[14]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=bob@example.test",
            "Nov 23 06:13:01 mx1 postfix/submission/smtpd[14]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: (reason unavailable), sasl_username=root",
            "Nov 23 06:13:12 mx1 postfix/submission/smtpd[14]: warning: unknown[127.0.0.66]: SASL LOGIN authentication failed: Connection lost to authentication server, sasl_username=(unavailable)",
            "Nov 23 06:13:13 mx1 dovecot: auth: passwd-file(admin,127.0.0.66): unknown user",
            "Nov 23 06:13:14 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): user=<bob@example.test>, method=PLAIN, rip=127.0.0.67, lip=127.0.0.1, session=<x>");

    private void feed(java.util.function.Consumer<org.quench.mail.log.MailEvent> sink) throws Exception {
        new MailLogReader(new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC))
                .read(new StringReader(LOG), sink);
    }

    @Test
    void accountActivityCorrelatesByQueueId() throws Exception {
        AccountActivityCollector c = new AccountActivityCollector();
        feed(c);
        List<AccountActivity> all = c.accounts();
        assertThat(all).extracting(AccountActivity::user).containsExactly("bob@example.test", "alice");
        AccountActivity bob = all.get(0);
        assertThat(bob.messages()).isEqualTo(2);
        assertThat(bob.clientIps()).isEqualTo(2);
        assertThat(bob.recipients()).isEqualTo(2);
        assertThat(bob.remoteRecipients()).isEqualTo(2);
        assertThat(bob.sent()).isEqualTo(1);
        assertThat(bob.deferred()).isEqualTo(1);
        assertThat(bob.bounced()).isEqualTo(1);
        assertThat(bob.senderMismatches()).isEqualTo(1);
        assertThat(bob.forgedSenderDomains()).containsExactly("forged.test");
        assertThat(bob.bounceNotifications()).isEqualTo(1);
        assertThat(bob.failureRatio()).isEqualTo(2.0 / 3);
        AccountActivity alice = all.get(1);
        assertThat(alice.senderMismatches()).isZero();
        assertThat(alice.remoteRecipients()).isZero();
        assertThat(alice.recipients()).isEqualTo(1);
    }

    @Test
    void bruteForcePerIp() throws Exception {
        BruteForceCollector c = new BruteForceCollector();
        feed(c);
        List<BruteForce> heavy = c.atLeast(3);
        assertThat(heavy).hasSize(1);
        BruteForce b = heavy.get(0);
        assertThat(b.ip()).isEqualTo("127.0.0.66");
        assertThat(b.saslFailures()).isEqualTo(3);
        assertThat(b.authServerLost()).isEqualTo(1);
        assertThat(b.dovecotFailures()).isEqualTo(1);
        assertThat(b.users()).isEqualTo(3);
        assertThat(b.sampleUsers()).containsExactlyInAnyOrder("bob@example.test", "root", "admin");
        assertThat(c.atLeast(1)).extracting(BruteForce::ip).containsExactly("127.0.0.66", "127.0.0.67");
    }

    @Test
    void cappedSetsSayAtLeast() {
        CappedSet s = new CappedSet(2);
        s.add("a");
        s.add("b");
        s.add("a");
        assertThat(s.display()).isEqualTo("2");
        s.add("c");
        assertThat(s.saturated()).isTrue();
        assertThat(s.display()).isEqualTo("≥2");
        assertThat(s.size()).isEqualTo(2);
    }

    @Test
    void boundedAccountsAndQueueIds() throws Exception {
        AccountActivityCollector c = new AccountActivityCollector(1, 10, 1);
        feed(c);
        assertThat(c.accounts()).hasSize(1);
        assertThat(c.untrackedAccounts()).isEqualTo(1); // alice's message
    }
}
