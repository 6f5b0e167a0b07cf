package org.quench.mail.queue;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code postqueue -p}: the lab sample of reference/mail-platforms.md §1.3 and the format's corners. */
class PostqueueTextParserTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final PostqueueTextParser parser =
            new PostqueueTextParser(Clock.fixed(Instant.parse("2026-11-23T07:00:00Z"), UTC));

    @Test
    void labSample() {
        List<QueuedMessage> q = parser.parse("""
                -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
                9525120C24D!     442 Mon Nov 23 06:10:51  spoofed@other.test
                                       (connect to 127.0.0.1[127.0.0.1]:9: Connection refused)
                                                         victim3@example.net

                7FC2920C259     405 Mon Nov 23 06:10:51  alice@example.test
                                       (connect to 127.0.0.1[127.0.0.1]:9: Connection refused)
                                                         victim1@example.net
                                                         victim2@example.org

                -- 0 Kbytes in 2 Requests.
                """);
        Instant arrival = Instant.parse("2026-11-23T06:10:51Z");
        String reason = "connect to 127.0.0.1[127.0.0.1]:9: Connection refused";
        assertThat(q).containsExactly(
                new QueuedMessage("hold", "9525120C24D", arrival, 442, "spoofed@other.test",
                        List.of(new QueuedRecipient("victim3@example.net", reason)), false),
                new QueuedMessage(QueuedMessage.QUEUED, "7FC2920C259", arrival, 405, "alice@example.test",
                        List.of(new QueuedRecipient("victim1@example.net", reason), new QueuedRecipient("victim2@example.org", reason)), false));
    }

    @Test
    void longReasonStartsAtColumnZero() {
        // Postfix 3.7.11 in this project's lab: the padding is 76 - length, so none for long reasons
        List<QueuedMessage> q = parser.parse("""
                -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
                6AEB816616C     301 Mon Nov 23 06:23:10  alice@example.test
                (host 127.0.1.25[127.0.1.25] said: 451 4.7.1 <partner4@example.net>: Recipient address rejected: Greylisted, please try again later (in reply to RCPT TO command))
                                                         partner4@example.net

                -- 0 Kbytes in 1 Request.
                """);
        assertThat(q).singleElement().satisfies(m -> {
            assertThat(m.queueId()).isEqualTo("6AEB816616C");
            assertThat(m.recipients()).containsExactly(new QueuedRecipient("partner4@example.net",
                    "host 127.0.1.25[127.0.1.25] said: 451 4.7.1 <partner4@example.net>: Recipient address rejected: "
                            + "Greylisted, please try again later (in reply to RCPT TO command)"));
        });
    }

    @Test
    void emptyQueue() {
        assertThat(parser.parse("Mail queue is empty\n")).isEmpty();
    }

    @Test
    void statusCharactersAreStrippedAndCombine() {
        List<QueuedMessage> q = parser.parse("""
                -Queue ID-  --Size-- ----Arrival Time---- -Sender/Recipient-------
                A1B2C3D4E5*     100 Mon Nov 23 06:10:51  MAILER-DAEMON
                                                         x@y.test

                B1B2C3D4E5!#     100 Mon Nov 23 06:10:51  a@b.test
                                                         x@y.test

                -- 1 Kbytes in 2 Requests.
                """);
        assertThat(q).extracting(QueuedMessage::queueId).containsExactly("A1B2C3D4E5", "B1B2C3D4E5");
        assertThat(q).extracting(QueuedMessage::queueName).containsExactly("active", "hold");
        assertThat(q).extracting(QueuedMessage::forcedExpire).containsExactly(false, true);
        assertThat(q.get(0).recipients().get(0).delayReason()).isNull();
    }

    @Test
    void longIdsAndSpacePaddedDay() {
        // long ids: "%-17s %8ld %19.19s %s"; asctime pads the day with a space
        List<QueuedMessage> q = parser.parse("""
                -Queue ID-        --Size-- ---Arrival Time---- --Sender/Recipient------
                4bXyZ1kQ2Vz8abc       1234 Tue Nov  3 10:00:00 a@b.test
                                                             x@y.test
                """);
        assertThat(q.get(0).queueId()).isEqualTo("4bXyZ1kQ2Vz8abc");
        assertThat(q.get(0).arrivalTime()).isEqualTo(Instant.parse("2026-11-03T10:00:00Z"));
    }

    @Test
    void arrivalWithoutYearIsTheLatestPastDateInTheHostZone() {
        // listed on 2 January: a message from 31 December arrived last year
        PostqueueTextParser january = new PostqueueTextParser(
                Clock.fixed(ZonedDateTime.of(2027, 1, 2, 8, 0, 0, 0, ZoneId.of("Europe/Paris")).toInstant(), ZoneId.of("Europe/Paris")));
        List<QueuedMessage> q = january.parse("""
                ABCDEF1234     100 Thu Dec 31 23:30:00  a@b.test
                                                         x@y.test
                """);
        assertThat(q.get(0).arrivalTime()).isEqualTo(Instant.parse("2026-12-31T22:30:00Z"));
    }
}
