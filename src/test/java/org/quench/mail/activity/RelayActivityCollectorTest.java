package org.quench.mail.activity;

import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.log.MailLogReader;

import java.io.StringReader;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RelayActivityCollectorTest {
    private static final String LOG = String.join("\n",
            "Nov 23 06:10:51 mx1 postfix/smtpd[10]: 1111111111: client=unknown[127.0.0.20]",
            "Nov 23 06:10:52 mx1 postfix/smtpd[10]: 2222222222: client=unknown[127.0.0.20]",
            "Nov 23 06:10:53 mx1 postfix/smtpd[10]: 3333333333: client=unknown[127.0.0.17]",
            // authenticated: not relaying on trust
            "Nov 23 06:10:54 mx1 postfix/smtpd[10]: 4444444444: client=unknown[127.0.0.20], sasl_method=PLAIN, sasl_username=bob@example.test",
            // out of scope (an Internet client)
            "Nov 23 06:10:55 mx1 postfix/smtpd[10]: 5555555555: client=unknown[127.0.1.9]",
            "Nov 23 06:10:56 mx1 postfix/qmgr[5]: 1111111111: from=<x@example.test>, size=442, nrcpt=2 (queue active)");

    @Test
    void countsUnauthenticatedMessagesPerTrustedIp() throws Exception {
        RelayActivityCollector c = new RelayActivityCollector(ip -> Set.of("127.0.0.20", "127.0.0.17").contains(ip), 10);
        new MailLogReader(new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC)).read(new StringReader(LOG), c);
        assertThat(c.relayed()).containsExactly(new RelayActivityCollector.Relayed("127.0.0.20", 2),
                new RelayActivityCollector.Relayed("127.0.0.17", 1));
        assertThat(c.untrackedMessages()).isZero();
    }

    @Test
    void memoryIsBoundedByTheIpCap() throws Exception {
        RelayActivityCollector c = new RelayActivityCollector(ip -> true, 1);
        new MailLogReader(new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC)).read(new StringReader(LOG), c);
        assertThat(c.relayed()).containsExactly(new RelayActivityCollector.Relayed("127.0.0.20", 2));
        assertThat(c.untrackedMessages()).isEqualTo(2);
    }
}
