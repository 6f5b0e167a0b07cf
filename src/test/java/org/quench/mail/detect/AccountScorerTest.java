package org.quench.mail.detect;

import org.junit.jupiter.api.Test;
import org.quench.mail.activity.AccountActivity;
import org.quench.mail.activity.AccountActivityCollector;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The score from synthetic event sequences: who is flagged, who is not, and why. */
class AccountScorerTest {
    private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");
    private final AccountScorer scorer = new AccountScorer(Thresholds.DEFAULTS);

    private AccountScorer.Verdict verdict(SyntheticLog log, String user) {
        MailLogParser parser = new MailLogParser(LocalDate.of(2026, 11, 23), ZoneOffset.UTC);
        AccountActivityCollector c = new AccountActivityCollector();
        HeaderFromCollector h = new HeaderFromCollector();
        for (String line : log.lines()) {
            MailEvent e = parser.parse(line);
            if (e != null) {
                c.accept(e);
                h.accept(e);
            }
        }
        AccountActivity a = c.accounts().stream().filter(x -> x.user().equals(user)).findFirst().orElseThrow();
        return scorer.score(AccountEvidence.of(a, a, h.of(user)));
    }

    @Test
    void newsletterFromItsUsualIpWithItsOwnAddressIsNotFlagged() {
        SyntheticLog log = new SyntheticLog(T0);
        for (int i = 0; i < 120; i++) {
            log.message("carol@example.test", "127.0.1.13", "carol@example.test",
                    SyntheticLog.recipients("reader", "example.net", i * 5, 5), 'd');
        }
        AccountScorer.Verdict v = verdict(log, "carol@example.test");
        assertThat(v.flagged()).isFalse();
        assertThat((long) v.score()).isLessThan(Thresholds.DEFAULTS.minScore());
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("120 messages sent"))
                .anyMatch(r -> r.contains("600 distinct remote recipients"))
                .noneMatch(r -> r.contains("client IPs") || r.contains("envelope sender"));
    }

    @Test
    void hijackedAccountIsFlaggedWithItsReasonsAndNumbers() {
        SyntheticLog log = new SyntheticLog(T0);
        List<String> forged = List.of("ceo@bank.test", "alice@example.test", "billing@shop.test", "mallory@example.test");
        for (int i = 0; i < 60; i++) {
            log.message("mallory@example.test", "127.0.2." + (1 + i % 8), forged.get(i % forged.size()),
                    SyntheticLog.recipients("victim", i % 6 == 0 ? "outlook.test" : "example.org", i * 2, 2), i % 6 == 0 ? 'b' : 'd');
        }
        AccountScorer.Verdict v = verdict(log, "mallory@example.test");
        assertThat(v.flagged()).isTrue();
        assertThat(v.reasons())
                .contains("60 messages sent (threshold 50)")
                .contains("from 8 distinct client IPs (threshold 5)")
                .contains("120 distinct remote recipients (threshold 50)")
                .contains("45 of 60 messages had an envelope sender other than the login")
                .contains("envelope senders in 2 other domains: bank.test, shop.test")
                .contains("20 of 120 delivery attempts bounced")
                .contains("100 of 120 delivery attempts deferred")
                .contains("10 non-delivery notices generated (backscatter)");
        assertThat(v.score()).isEqualTo(1 + 2 + 1 + 2 + 2 + 2 + 1 + 1);
    }

    @Test
    void roamingUserWithManyIpsButOwnAddressAndFewMessagesIsNotFlagged() {
        SyntheticLog log = new SyntheticLog(T0);
        for (int i = 0; i < 26; i++) {
            log.message("alice@example.test", "127.0.3." + (1 + i), "alice@example.test", List.of("friend" + i + "@example.net"), 's');
        }
        AccountScorer.Verdict v = verdict(log, "alice@example.test");
        assertThat(v.reasons()).containsExactly("from 26 distinct client IPs (threshold 5)");
        assertThat(v.score()).isEqualTo(3);
        assertThat(v.flagged()).isFalse();
    }

    @Test
    void hijackedAccountOnOneIpIsCaughtByForgedSenders() {
        SyntheticLog log = new SyntheticLog(T0);
        for (int i = 0; i < 80; i++) {
            log.message("bob@example.test", "127.0.4.1", i % 2 == 0 ? "support@paypal.test" : "news@bank.test",
                    SyntheticLog.recipients("t", "example.com", i, 1), 'd');
        }
        AccountScorer.Verdict v = verdict(log, "bob@example.test");
        assertThat(v.flagged()).isTrue();
        assertThat(v.reasons()).anyMatch(r -> r.startsWith("80 of 80 messages had an envelope sender other than the login"));
    }

    @Test
    void foreignHeaderFromDomainsAreAReasonWhenTheLogHasThem() {
        SyntheticLog log = new SyntheticLog(T0);
        log.headerFrom("dave@example.test", "127.0.5.1", "\"PayPal\" <service@paypal.test>", "x@example.net")
                .headerFrom("dave@example.test", "127.0.5.1", "Bank <info@bank.test>", "y@example.net")
                .headerFrom("dave@example.test", "127.0.5.1", "Dave <dave@example.test>", "z@example.net");
        AccountScorer.Verdict v = verdict(log, "dave@example.test");
        assertThat(v.reasons()).containsExactly("2 messages with a header From in 2 other domains: bank.test, paypal.test");
    }

    @Test
    void sampledEvidenceScalesRecipientsAndSaysSo() {
        AccountEvidence e = new AccountEvidence("x@example.test", 1000, 1, false, java.util.Set.of("127.0.0.9"),
                100, 0, java.util.Set.of(), 100, 100, 0, 100, 0, 0, 0, 0, java.util.Set.of(), T0, T0);
        AccountScorer.Verdict v = scorer.score(e);
        assertThat(e.estimatedRemoteRecipients()).isEqualTo(1000);
        assertThat(v.reasons()).contains("about 1000 distinct remote recipients (threshold 50)");
    }
}
