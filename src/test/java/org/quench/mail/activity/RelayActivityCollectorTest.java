package org.quench.mail.activity;

import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailLogParser;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RelayActivityCollectorTest {

    private static List<RelayActivity> collect(Set<String> trusted, String... lines) {
        MailLogParser parser = MailLogParser.utcToday();
        RelayActivityCollector c = new RelayActivityCollector(trusted::contains);
        for (String l : lines) {
            var e = parser.parse(l);
            if (e != null) c.accept(e);
        }
        return c.relays();
    }

    @Test
    void countsUnauthenticatedMessagesOfTrustedClientsOnly() {
        List<RelayActivity> r = collect(Set.of("127.0.0.20", "127.0.0.17", "127.0.0.1"),
                "Nov 23 10:00:01 mx1 postfix/smtpd[10]: AAA0000001: client=unknown[127.0.0.20]",
                "Nov 23 10:00:01 mx1 postfix/qmgr[11]: AAA0000001: from=<ceo@bank.test>, size=400, nrcpt=2 (queue active)",
                "Nov 23 10:00:02 mx1 postfix/smtp[12]: AAA0000001: to=<v1@remote.test>, relay=127.0.1.25[127.0.1.25]:25, delay=1,"
                        + " delays=0/0/0/1, dsn=4.7.1, status=deferred (host 127.0.1.25[127.0.1.25] said: 451 4.7.1 Greylisted)",
                "Nov 23 10:00:02 mx1 postfix/smtp[12]: AAA0000001: to=<v2@remote.test>, relay=127.0.1.25[127.0.1.25]:25, delay=1,"
                        + " delays=0/0/0/1, dsn=4.7.1, status=deferred (host 127.0.1.25[127.0.1.25] said: 451 4.7.1 Greylisted)",
                "Nov 23 10:00:03 mx1 postfix/smtpd[10]: AAA0000002: client=unknown[127.0.0.20]",
                "Nov 23 10:00:03 mx1 postfix/qmgr[11]: AAA0000002: from=<>, size=400, nrcpt=1 (queue active)",
                "Nov 23 10:00:04 mx1 postfix/smtpd[10]: AAA0000003: client=unknown[127.0.0.17]",
                "Nov 23 10:00:04 mx1 postfix/qmgr[11]: AAA0000003: from=<app@example.test>, size=400, nrcpt=1 (queue active)",
                // authenticated: an account's mail, not the relay's
                "Nov 23 10:00:05 mx1 postfix/smtpd[10]: AAA0000004: client=unknown[127.0.0.20], sasl_method=PLAIN, sasl_username=bob@example.test",
                // not trusted: inbound mail from the Internet
                "Nov 23 10:00:06 mx1 postfix/smtpd[10]: AAA0000005: client=unknown[127.0.1.7]",
                // reinjection after a content filter: the same message again
                "Nov 23 10:00:07 mx1 postfix/smtpd[13]: AAA0000006: client=localhost[127.0.0.1], orig_queue_id=AAA0000001,"
                        + " orig_client=unknown[127.0.0.20]");
        assertThat(r).extracting(RelayActivity::ip).containsExactly("127.0.0.20", "127.0.0.17");
        RelayActivity rogue = r.get(0);
        assertThat(rogue.messages()).isEqualTo(2);
        assertThat(rogue.remoteRecipients()).isEqualTo(2);
        assertThat(rogue.deferred()).isEqualTo(2);
        assertThat(rogue.senderDomains()).containsExactly("bank.test");
        assertThat(rogue.nullSenders()).isEqualTo(1);
        assertThat(r.get(1).senderDomains()).containsExactly("example.test");
    }

    @Test
    void aReusedQueueIdBelongsToItsNewClient() {
        List<RelayActivity> r = collect(Set.of("127.0.0.20"),
                "Nov 23 10:00:01 mx1 postfix/smtpd[10]: AAA0000001: client=unknown[127.0.0.20]",
                "Nov 23 10:00:03 mx1 postfix/smtpd[10]: AAA0000001: client=unknown[127.0.1.7]",
                "Nov 23 10:00:03 mx1 postfix/qmgr[11]: AAA0000001: from=<x@elsewhere.test>, size=400, nrcpt=1 (queue active)");
        assertThat(r).singleElement().satisfies(a -> assertThat(a.senderDomains()).isEmpty());
    }

    @Test
    void domainOfHeaderValues() {
        assertThat(RelayActivityCollector.domainOf("\"Bank\" <Alerts@Bank.TEST>")).isEqualTo("bank.test");
        assertThat(RelayActivityCollector.domainOf("nobody")).isNull();
    }
}
