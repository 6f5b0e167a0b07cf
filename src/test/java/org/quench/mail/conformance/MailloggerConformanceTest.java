package org.quench.mail.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quench.mail.log.Delivery;
import org.quench.mail.log.MailEvent;
import org.quench.mail.log.MailLogParser;

/**
 * homoluctus/maillogger fixtures (MIT, read in place): the expected JSON has one object per
 * delivery line, in order, with queue id, recipient, relay, delay, dsn, status, reply text and
 * a datetime (year assumed 2020).
 */
class MailloggerConformanceTest {
    private final MailLogParser parser = new MailLogParser(LocalDate.of(2020, 12, 31), ZoneOffset.UTC);

    @Test
    void deliveryLines() throws IOException {
        List<String> lines = Files.readAllLines(PeerCorpus.path("maillogger/tests/fixtures/source/maillog"),
                StandardCharsets.UTF_8);
        // One expected entry per source line; null where the line is not a delivery.
        JsonNode expected = new ObjectMapper().readTree(
                PeerCorpus.path("maillogger/tests/fixtures/correct/parsed_maillog.json").toFile());
        Agreement a = new Agreement("maillogger");
        for (int i = 0; i < lines.size(); i++) {
            MailEvent e = parser.parseOrThrow(lines.get(i));
            JsonNode x = expected.path(i);
            String key = "maillogger:L" + (i + 1);
            if (x.isNull() || x.isMissingNode()) {
                a.check(!(e instanceof Delivery), key, "expected no delivery, got " + e);
                continue;
            }
            if (!(e instanceof Delivery d)) {
                a.disagree(key, "no delivery event for " + x);
                continue;
            }
            String when = d.header().time().toString().replaceAll("[-T:Z]", "");
            boolean ok = x.path("mail_id").asText().equals(d.queueId())
                    && x.path("to_address").asText().equals(d.to())
                    && x.path("relay").asText().equals(d.relay())
                    && Double.parseDouble(x.path("delay").asText()) == d.delay()
                    && x.path("dsn").asText().equals(d.dsn())
                    && x.path("status").asText().equals(d.statusWord())
                    && x.path("description").asText().equals(d.reply())
                    && x.path("datetime").asText().equals(when);
            a.check(ok, key, "expected " + x + " got " + d);
        }
        a.report(1.0);
    }
}
