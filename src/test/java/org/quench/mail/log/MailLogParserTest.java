package org.quench.mail.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines in the Postfix 3.7 / Dovecot 2.3 lab format (reference/mail-platforms.md §1.7, §2, §4.6). */
class MailLogParserTest {
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC);

    private <T extends MailEvent> T parse(String line, Class<T> type) {
        MailEvent e = parser.parse(line);
        assertThat(e).as(line).isInstanceOf(type);
        return type.cast(e);
    }

    @Test
    void authenticatedClientLine() {
        SmtpdClient c = parse("Nov 23 06:10:51 mx1 postfix/submission/smtpd[4321]: 9525120C24D: "
                + "client=localhost[127.0.0.1]:49616, sasl_method=PLAIN, sasl_username=alice@example.test", SmtpdClient.class);
        assertThat(c.queueId()).isEqualTo("9525120C24D");
        assertThat(c.clientHost()).isEqualTo("localhost");
        assertThat(c.clientIp()).isEqualTo("127.0.0.1");
        assertThat(c.clientPort()).isEqualTo(49616);
        assertThat(c.saslMethod()).isEqualTo("PLAIN");
        assertThat(c.saslUsername()).isEqualTo("alice@example.test");
        assertThat(c.service()).isEqualTo("postfix/submission/smtpd");
        assertThat(c.header().time()).isEqualTo(Instant.parse("2026-11-23T06:10:51Z"));
        assertThat(c.header().host()).isEqualTo("mx1");
    }

    @Test
    void clientLineFieldOrderAndXforward() {
        SmtpdClient c = parse("Nov 23 06:10:51 mx1 postfix-out/smtpd[1]: ABCDEF123: client=unknown[2001:db8::1], "
                + "sasl_method=LOGIN, sasl_username=a, b@example.test, sasl_sender=x@example.test, "
                + "orig_queue_id=1234ABC, orig_client=h[192.0.2.1]", SmtpdClient.class);
        assertThat(c.clientIp()).isEqualTo("2001:db8::1");
        assertThat(c.clientPort()).isNull();
        assertThat(c.saslUsername()).isEqualTo("a, b@example.test");
        assertThat(c.saslSender()).isEqualTo("x@example.test");
        assertThat(c.origQueueId()).isEqualTo("1234ABC");
        assertThat(c.origClient()).isEqualTo("h[192.0.2.1]");
        assertThat(c.service()).isEqualTo("postfix-out/smtpd");
    }

    @Test
    void ipv6PrefixIsStripped() {
        SmtpdClient c = parse("Nov 23 06:10:51 mx1 postfix/10587/smtpd[1]: ABCDEF123: client=h[IPv6:2001:db8::2]",
                SmtpdClient.class);
        assertThat(c.clientIp()).isEqualTo("2001:db8::2");
        assertThat(c.saslUsername()).isNull();
        assertThat(c.authenticated()).isFalse();
    }

    @Test
    void hostileSaslUsernameIsAnInertString() {
        String user = "\"$(touch /tmp/x)\"@evil.test";
        SmtpdClient c = parse("Nov 23 06:10:51 mx1 postfix/smtps/smtpd[1]: 7FC2920C259: client=unknown[127.0.0.66], "
                + "sasl_method=PLAIN, sasl_username=" + user, SmtpdClient.class);
        assertThat(c.saslUsername()).isEqualTo(user);
        SaslFailure f = parse("Nov 23 06:10:52 mx1 postfix/smtps/smtpd[1]: warning: unknown[127.0.0.66]: SASL LOGIN "
                + "authentication failed: (reason unavailable), sasl_username=" + user, SaslFailure.class);
        assertThat(f.saslUsername()).isEqualTo(user);
        assertThat(f.reason()).isNull();
    }

    @Test
    void hostileHeloWithQuotesAndBackticks() {
        SmtpdReject r = parse("Nov 23 06:10:51 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[127.0.0.77]: "
                + "554 5.7.1 <v@example.net>: Relay access denied; from=<'$(reboot)'@x.test> to=<v@example.net> "
                + "proto=ESMTP helo=<`id`\"'; rm -rf />", SmtpdReject.class);
        assertThat(r.helo()).isEqualTo("`id`\"'; rm -rf /");
        assertThat(r.from()).isEqualTo("'$(reboot)'@x.test");
        assertThat(r.to()).isEqualTo("v@example.net");
        assertThat(r.relayDenied()).isTrue();
        assertThat(r.code()).isEqualTo(554);
        assertThat(r.dsn()).isEqualTo("5.7.1");
        assertThat(r.stage()).isEqualTo("RCPT");
        assertThat(r.queueId()).isNull();
    }

    @Test
    void saslFailureForms() {
        SaslFailure lost = parse("Nov 23 06:10:51 mx1 postfix/submission/smtpd[9]: warning: unknown[127.0.0.9]: SASL LOGIN "
                + "authentication failed: Connection lost to authentication server, sasl_username=(unavailable)", SaslFailure.class);
        assertThat(lost.authServerUnreachable()).isTrue();
        assertThat(lost.saslUsername()).isNull();
        assertThat(lost.mechanism()).isEqualTo("LOGIN");
        SaslFailure old = parse("Nov 23 06:10:51 mx1 postfix/smtpd[9]: warning: host.example[192.0.2.7]:55729: SASL login "
                + "authentication failed: UGFzc3dvcmQ6", SaslFailure.class);
        assertThat(old.clientPort()).isEqualTo(55729);
        assertThat(old.reason()).isEqualTo("UGFzc3dvcmQ6");
        assertThat(old.saslUsername()).isNull();
        SaslFailure empty = parse("Nov 23 06:10:51 mx1 postfix/smtpd[9]: warning: h[192.0.2.8]: SASL PLAIN authentication failed: ",
                SaslFailure.class);
        assertThat(empty.reason()).isNull();
    }

    @Test
    void rblRejectAndPostscreen() {
        SmtpdReject r = parse("Nov 23 06:10:51 mx1 postfix/smtpd[1]: NOQUEUE: reject: RCPT from h[203.0.113.9]: 554 5.7.1 "
                + "Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org; "
                + "https://www.spamhaus.org/query/ip/203.0.113.9; from=<s@x.test> to=<u@example.test> proto=ESMTP helo=<x>",
                SmtpdReject.class);
        assertThat(r.blockedByDnsbl()).isTrue();
        assertThat(r.text()).contains("blocked using zen.spamhaus.org").doesNotContain("from=<");
        SmtpdReject p = parse("Nov 23 06:10:51 mx1 postfix/postscreen[1]: NOQUEUE: reject: RCPT from [203.0.113.9]:4984: "
                + "550 5.7.1 Service unavailable; client [203.0.113.9] blocked using zen.spamhaus.org; "
                + "from=<a@x.test>, to=<b@example.test>, proto=ESMTP, helo=<x.test>", SmtpdReject.class);
        assertThat(p.clientHost()).isNull();
        assertThat(p.clientPort()).isEqualTo(4984);
        assertThat(p.from()).isEqualTo("a@x.test");
        assertThat(p.to()).isEqualTo("b@example.test");
        assertThat(p.helo()).isEqualTo("x.test");
        PostscreenEvent pe = parse("Nov 23 06:10:51 mx1 postfix/postscreen[1]: PREGREET 14 after 0.04 from [1.2.3.4]:55868: EHLO x",
                PostscreenEvent.class);
        assertThat(pe.kind()).isEqualTo("PREGREET");
        assertThat(pe.hostile()).isTrue();
        assertThat(pe.clientIp()).isEqualTo("1.2.3.4");
    }

    @Test
    void queueLifecycle() {
        QmgrFrom q = parse("Nov 23 06:10:51 mx1 postfix/qmgr[77]: 7FC2920C259: from=<alice@example.test>, size=405, nrcpt=2 (queue active)",
                QmgrFrom.class);
        assertThat(q.from()).isEqualTo("alice@example.test");
        assertThat(q.size()).isEqualTo(405);
        assertThat(q.nrcpt()).isEqualTo(2);
        assertThat(parse("Nov 23 06:10:51 mx1 postfix/qmgr[77]: 7FC2920C259: from=<>, size=1, nrcpt=1 (queue active)",
                QmgrFrom.class).from()).isEmpty();
        Delivery d = parse("Nov 23 06:10:52 mx1 postfix/smtp[78]: 7FC2920C259: to=<victim1@example.net>, "
                + "relay=127.0.0.1[127.0.0.1]:9, delay=0.02, delays=0.01/0/0.01/0, dsn=4.4.1, status=deferred "
                + "(connect to 127.0.0.1[127.0.0.1]:9: Connection refused)", Delivery.class);
        assertThat(d.status()).isEqualTo(DeliveryStatus.DEFERRED);
        assertThat(d.to()).isEqualTo("victim1@example.net");
        assertThat(d.relayIp()).isEqualTo("127.0.0.1");
        assertThat(d.relayPort()).isEqualTo(9);
        assertThat(d.dsn()).isEqualTo("4.4.1");
        assertThat(d.delay()).isEqualTo(0.02);
        assertThat(d.reply()).isEqualTo("connect to 127.0.0.1[127.0.0.1]:9: Connection refused");
        Delivery b = parse("Nov 23 06:10:52 mx1 postfix/smtp[78]: 9525120C24D: to=<v@example.net>, orig_to=<alias@example.net>, "
                + "relay=mx.example.net[203.0.113.5]:25, delay=1, delays=0/0/0.5/0.5, dsn=5.7.1, status=bounced "
                + "(host mx.example.net[203.0.113.5] said: 550 5.7.1 on our block list (S3150) (in reply to RCPT TO command))",
                Delivery.class);
        assertThat(b.origTo()).isEqualTo("alias@example.net");
        assertThat(b.status()).isEqualTo(DeliveryStatus.BOUNCED);
        assertThat(b.reply()).endsWith("(in reply to RCPT TO command)");
        assertThat(parse("Nov 23 06:10:52 mx1 postfix/qmgr[77]: 9525120C24D: removed", Removed.class).queueId())
                .isEqualTo("9525120C24D");
        assertThat(parse("Nov 23 06:10:52 mx1 postfix/postsuper[5]: 9525120C24D: removed", Removed.class).queueId())
                .isEqualTo("9525120C24D");
        BounceNotification n = parse("Nov 23 06:10:52 mx1 postfix/bounce[79]: 9525120C24D: sender non-delivery "
                + "notification: 0A1B2C3D4E", BounceNotification.class);
        assertThat(n.notificationQueueId()).isEqualTo("0A1B2C3D4E");
        assertThat(parse("Nov 23 06:10:51 mx1 postfix/cleanup[80]: 7FC2920C259: message-id=<abc@client.test>",
                CleanupMessageId.class).messageId()).isEqualTo("abc@client.test");
    }

    @Test
    void cleanupRejects() {
        CleanupReject m = parse("Nov 23 06:10:51 mx1 postfix/cleanup[80]: 4F5C64474F: milter-reject: END-OF-MESSAGE from "
                + "unknown[192.0.2.3]: 5.7.1 Rejected by DMARC; from=<a@x.test> to=<b@example.test> proto=ESMTP helo=<x>",
                CleanupReject.class);
        assertThat(m.action()).isEqualTo("milter-reject");
        assertThat(m.trigger()).isEqualTo("END-OF-MESSAGE");
        assertThat(m.clientIp()).isEqualTo("192.0.2.3");
        assertThat(m.text()).isEqualTo("5.7.1 Rejected by DMARC");
        CleanupReject h = parse("Nov 23 06:10:51 mx1 postfix/cleanup[80]: 4F5C64474F: reject: header Subject: win money from "
                + "unknown[192.0.2.3]; from=<a@x.test> to=<b@example.test> proto=ESMTP helo=<x>: 5.7.1 spam", CleanupReject.class);
        assertThat(h.trigger()).isEqualTo("header Subject: win money");
        assertThat(h.from()).isEqualTo("a@x.test");
        assertThat(h.text()).isEqualTo("5.7.1 spam");
    }

    @Test
    void dovecotLines() {
        DovecotAuthFailure pm = parse("Nov 23 06:10:51 mx1 dovecot: auth: passwd-file(bob@example.test,127.0.0.5): Password mismatch",
                DovecotAuthFailure.class);
        assertThat(pm.user()).isEqualTo("bob@example.test");
        assertThat(pm.rip()).isEqualTo("127.0.0.5");
        assertThat(pm.backend()).isEqualTo("passwd-file");
        assertThat(pm.reason()).isEqualTo("Password mismatch");
        DovecotAuthFailure lf = parse("Nov 23 06:10:51 mx1 dovecot: imap-login: Disconnected (auth failed, 1 attempts in 2 secs): "
                + "user=<bob@example.test>, method=PLAIN, rip=127.0.0.5, lip=127.0.0.1, session=<abc>", DovecotAuthFailure.class);
        assertThat(lf.service()).isEqualTo("imap");
        assertThat(lf.attempts()).isEqualTo(1);
        assertThat(lf.lip()).isEqualTo("127.0.0.1");
        DovecotLogin in = parse("Nov 23 06:10:51 mx1 dovecot: imap-login: Login: user=<bob@example.test>, method=PLAIN, "
                + "rip=127.0.0.5, lip=127.0.0.1, mpid=42, session=<Zx9>", DovecotLogin.class);
        assertThat(in.user()).isEqualTo("bob@example.test");
        assertThat(in.method()).isEqualTo("PLAIN");
        assertThat(in.session()).isEqualTo("Zx9");
        assertThat(parser.parse("Nov 23 06:10:51 mx1 dovecot: imap-login: Disconnected (no auth attempts in 0 secs): "
                + "user=<>, rip=127.0.0.5, lip=127.0.0.1")).isNull();
    }

    @Test
    void amavisLines() {
        AmavisResult r = parse("Nov 23 06:10:51 mx1 amavis[4083]: (04083-01) Passed CLEAN {RelayedOutbound}, ORIGINATING/MYNETS "
                + "LOCAL [45.117.82.48]:57224 [45.117.82.48] <sender@dom.test> -> <rcpt@ext.test>,<r2@ext.test>, Queue-ID: B141CE6BDD, "
                + "Message-ID: <m@x>, mail_id: WaVl27LgwIDf, Hits: -, size: 1152, queued_as: 15411E6BE1, 380 ms", AmavisResult.class);
        assertThat(r.verdict()).isEqualTo("Passed");
        assertThat(r.category()).isEqualTo("CLEAN");
        assertThat(r.flags()).isEqualTo("RelayedOutbound");
        assertThat(r.clientIp()).isEqualTo("45.117.82.48");
        assertThat(r.from()).isEqualTo("sender@dom.test");
        assertThat(r.to()).containsExactly("rcpt@ext.test", "r2@ext.test");
        assertThat(r.queueId()).isEqualTo("B141CE6BDD");
        assertThat(r.queuedAs()).containsExactly("15411E6BE1");
        assertThat(r.messageId()).isEqualTo("m@x");
        AmavisFwd f = parse("Nov 23 06:10:51 mx1 amavis[4083]: (04083-01) WaVl27LgwIDf FWD from <sender@dom.test> -> "
                + "<rcpt@ext.test>, BODY=7BIT 250 2.0.0 from MTA(smtp:[127.0.0.1]:10030): 250 2.0.0 Ok: queued as 15411E6BE1",
                AmavisFwd.class);
        assertThat(f.mailId()).isEqualTo("WaVl27LgwIDf");
        assertThat(f.from()).isEqualTo("sender@dom.test");
        assertThat(f.to()).isEqualTo(List.of("rcpt@ext.test"));
        assertThat(f.queuedAs()).isEqualTo("15411E6BE1");
        assertThat(f.failed()).isFalse();
        assertThat(parser.parse("Feb  1 13:17:08 mail amavis[28236]: (28236-10) Passed,")).isNull();
    }

    @Test
    void timestampForms() {
        assertThat(parser.parse("2026-11-23T06:10:51.123456+01:00 mx1 postfix/qmgr[1]: ABCDE1: removed").header().time())
                .isEqualTo(Instant.parse("2026-11-23T05:10:51.123456Z"));
        assertThat(parser.parse("2026-11-23T06:10:51+0100 mx1 postfix/qmgr[1]: ABCDE1: removed").header().time())
                .isEqualTo(Instant.parse("2026-11-23T05:10:51Z"));
        assertThat(parser.parse("2022-04-14T00:36:03.150Z mx1 postfix/qmgr[1]: ABCDE1: removed").header().time())
                .isEqualTo(Instant.parse("2022-04-14T00:36:03.150Z"));
        assertThat(parser.parse("Nov  3 06:10:51 mx1 postfix/qmgr[1]: ABCDE1: removed").header().time())
                .isEqualTo(Instant.parse("2026-11-03T06:10:51Z"));
        assertThat(parser.parse("-- Boot 1234 --")).isNull();
    }

    @Test
    void yearRollsBackForDecemberLinesReadInJanuary() {
        MailLogParser january = new MailLogParser(LocalDate.of(2027, 1, 2), ZoneOffset.UTC);
        assertThat(january.parse("Dec 31 23:59:59 mx1 postfix/qmgr[1]: ABCDE1: removed").header().time())
                .isEqualTo(Instant.parse("2026-12-31T23:59:59Z"));
        assertThat(january.parse("Jan  1 00:00:01 mx1 postfix/qmgr[1]: ABCDE1: removed").header().time())
                .isEqualTo(Instant.parse("2027-01-01T00:00:01Z"));
    }

    @Test
    void garbageNeverThrows() {
        for (String s : new String[]{"", "x", "Nov 23 06:10:51", "Nov 23 06:10:51 mx1 postfix/smtpd[1]:",
                "Nov 23 06:10:51 mx1 postfix/smtpd[1]: ABCDE1: client=", "Nov 23 06:10:51 mx1 postfix/smtp[1]: ABCDE1: to=<",
                "Nov 23 06:10:51 mx1 amavis[1]: (x) Passed", "Nov 23 06:10:51 mx1 dovecot: imap-login: Login: user=<",
                "Nov 23 06:10:51 mx1 postfix/smtpd[1]: warning: [: SASL x authentication failed:"}) {
            parser.parse(s);
        }
        assertThat(parser.parse("Nov 23 06:10:51 mx1 opendkim[1]: ABCDE1: DKIM-Signature field added")).isNull();
    }
}
