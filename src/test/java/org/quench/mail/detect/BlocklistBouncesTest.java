package org.quench.mail.detect;

import org.junit.jupiter.api.Test;
import org.quench.mail.log.MailLogParser;
import org.quench.mail.queue.QueuedMessage;
import org.quench.mail.queue.QueuedRecipient;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which refusals blame the server's reputation, who refuses, and what counts as backscatter. */
class BlocklistBouncesTest {
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2026, 12, 5), ZoneOffset.UTC);

    private static final String OUTLOOK = "Dec  5 10:00:01 mx1 postfix/smtp[4242]: 3F2A1B: to=<v1@hotmail.com>,"
            + " relay=hotmail-com.olc.protection.outlook.com[104.47.10.33]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=5.7.1,"
            + " status=bounced (host hotmail-com.olc.protection.outlook.com[104.47.10.33] said: 550 5.7.1 Unfortunately, messages"
            + " from [192.0.2.25] weren't sent. Please contact your Internet service provider since part of their network is on"
            + " our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors."
            + " [DB5EUR03FT012.eop-EUR03.prod.protection.outlook.com] (in reply to MAIL FROM command))";
    private static final String SPAMHAUS = "Dec  5 10:00:02 mx1 postfix/smtp[4243]: 4A1C2D: to=<someone@corp.example>,"
            + " relay=mx.corp.example[198.51.100.9]:25, delay=0.4, delays=0.1/0/0.2/0.1, dsn=5.7.1, status=bounced (host"
            + " mx.corp.example[198.51.100.9] said: 554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using"
            + " zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.25 (in reply to RCPT TO command))";
    private static final String GMAIL = "Dec  5 10:00:03 mx1 postfix/smtp[4244]: 5B2D3E: to=<x@gmail.com>,"
            + " relay=gmail-smtp-in.l.google.com[192.0.2.200]:25, delay=2, delays=0.1/0/0.9/1, dsn=4.7.0, status=deferred (host"
            + " gmail-smtp-in.l.google.com[192.0.2.200] said: 421-4.7.0 [192.0.2.25 15] Our system has detected an unusual rate of"
            + " 421-4.7.0 unsolicited mail originating from your IP address. To protect our 421-4.7.0 users from spam, mail sent"
            + " from your IP address has been temporarily 421-4.7.0 rate limited. - gsmtp (in reply to end of DATA command))";
    private static final String GREYLIST = "Dec  5 10:00:04 mx1 postfix/smtp[4245]: 6C3E4F: to=<a@remote1.test>,"
            + " relay=127.0.1.25[127.0.1.25]:25, delay=0.1, delays=0/0/0/0.1, dsn=4.7.1, status=deferred (host"
            + " 127.0.1.25[127.0.1.25] said: 451 4.7.1 Greylisted, please try again later (in reply to RCPT TO command))";
    private static final String UNKNOWN_USER = "Dec  5 10:00:05 mx1 postfix/smtp[4246]: 7D4F5A: to=<nobody@corp.example>,"
            + " relay=mx.corp.example[198.51.100.9]:25, delay=0.3, delays=0/0/0.2/0.1, dsn=5.1.1, status=bounced (host"
            + " mx.corp.example[198.51.100.9] said: 550 5.1.1 <nobody@corp.example>: Recipient address rejected: User unknown"
            + " in virtual mailbox table (in reply to RCPT TO command))";
    private static final String NDN = "Dec  5 10:00:06 mx1 postfix/bounce[4247]: 3F2A1B: sender non-delivery notification: 8E5A6B";

    @Test
    void refusalsCitingBlockListsAreGroupedByProviderOthersAreNot() {
        BlocklistBounceCollector c = new BlocklistBounceCollector();
        for (String l : List.of(OUTLOOK, OUTLOOK.replace("v1@", "v2@"), SPAMHAUS, GMAIL, GREYLIST, UNKNOWN_USER, NDN)) {
            c.accept(parser.parseOrThrow(l));
        }
        List<Map<String, Object>> rows = c.byProvider();
        assertThat(rows).extracting(r -> r.get("provider") + "=" + r.get("count"))
                .containsExactly("Microsoft=2", "Google=1", "Spamhaus (cited by corp.example)=1");
        Map<String, Object> ms = rows.get(0);
        assertThat(ms.get("recipients")).isEqualTo(2);
        assertThat(ms.get("bounced")).isEqualTo(2L);
        assertThat(ms.get("dsn")).isEqualTo("5.7.1");
        assertThat((String) ms.get("sample")).contains("S3140");
        assertThat(ms.get("lists")).isEqualTo(List.of("S3140"));
        assertThat(rows.get(1).get("deferred")).isEqualTo(1L);
        assertThat(rows.get(2).get("lists")).isEqualTo(List.of("zen.spamhaus.org"));
        assertThat(c.notifications()).isEqualTo(1);
        assertThat(c.refusals()).isEqualTo(4);
    }

    @Test
    void wording() {
        assertThat(BlocklistCitation.cites("550 5.7.1 Service unavailable; client [192.0.2.1] blocked using bl.spamcop.net")).isTrue();
        assertThat(BlocklistCitation.cites("550 5.7.606 Access denied, banned sending IP [192.0.2.1]")).isTrue();
        assertThat(BlocklistCitation.cites("554 5.7.1 Your IP is listed at b.barracudacentral.org")).isTrue();
        assertThat(BlocklistCitation.cites("550 5.7.1 Email rejected due to poor reputation of the sending IP")).isTrue();
        assertThat(BlocklistCitation.cites("452 4.2.2 Mailbox full")).isFalse();
        assertThat(BlocklistCitation.cites("550 5.7.1 Message rejected as spam by Content Filtering")).isFalse();
        assertThat(BlocklistCitation.cites(null)).isFalse();
        assertThat(BlocklistCitation.lists("blocked using bl.spamcop.net; see also zen.spamhaus.org"))
                .containsExactly("bl.spamcop.net", "zen.spamhaus.org");
        assertThat(BlocklistCitation.provider("127.0.1.25", "outlook.test", "on our block list (S3150)")).isEqualTo("Microsoft");
        assertThat(BlocklistCitation.provider("mta5.am0.yahoodns.net", "yahoo.com", "blocked")).isEqualTo("Yahoo");
        assertThat(BlocklistCitation.provider("mx.other.example", "other.example", "listed on our blacklist")).isEqualTo("other.example");
    }

    @Test
    void backscatterIsQueuedBouncesToOtherDomains() {
        Instant t = Instant.parse("2026-12-05T10:00:00Z");
        List<QueuedMessage> q = List.of(
                new QueuedMessage("deferred", "AAA111", t, 2000, "", List.of(new QueuedRecipient("billing@forged-bank.test", "greylisted")), false),
                new QueuedMessage("deferred", "BBB222", t, 2000, "MAILER-DAEMON", List.of(new QueuedRecipient("noreply@paypa1.test", null)), false),
                new QueuedMessage("active", "CCC333", t, 2000, "", List.of(new QueuedRecipient("mallory@example.test", null)), false),
                new QueuedMessage("deferred", "DDD444", t, 2000, "carol@example.test", List.of(new QueuedRecipient("s@remote1.test", null)), false));
        Map<String, Object> b = BlocklistBouncesModule.backscatter(q, Set.of("example.test"), 7);
        assertThat(b.get("queued")).isEqualTo(2);
        assertThat(b.get("queueIds")).isEqualTo(List.of("AAA111", "BBB222"));
        assertThat(b.get("logged")).isEqualTo(7L);
        assertThat(b.get("byRecipientDomain")).isEqualTo(List.of(Map.of("domain", "forged-bank.test", "count", 1),
                Map.of("domain", "paypa1.test", "count", 1)));
    }
}
