package org.quench.mail.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code postqueue -p} / {@code mailq}, the only listing before Postfix 3.1. Records are split on
 * whitespace, never on columns: a status character can push the id past its column. The arrival
 * time has no year (it is {@code asctime()} cut short) and is in the host's local time, so the
 * parser needs the host's clock and zone to place it: the latest such date not in the future.
 * A delay reason is right-aligned to column 78, so one longer than that starts at column 0 (seen
 * in the lab): a line is a reason when it is parenthesised, wherever it starts.
 */
public final class PostqueueTextParser {
    private static final Pattern FIRST_LINE = Pattern.compile(
            "^(\\S+)\\s+(\\d+)\\s+(\\w{3} \\w{3} [ \\d]\\d \\d{2}:\\d{2}:\\d{2})\\s+(.*)$");
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    /** Clocks drift and queues are listed while messages arrive: tolerate a little future. */
    private static final Duration CLOCK_SLACK = Duration.ofDays(1);

    private final Clock hostClock;

    /** @param hostClock the host's current time and zone (its zone, not this machine's) */
    public PostqueueTextParser(Clock hostClock) {
        this.hostClock = hostClock;
    }

    public List<QueuedMessage> parse(String output) {
        List<QueuedMessage> messages = new ArrayList<>();
        Record current = null;
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank()) {
                current = flush(current, messages);
            } else if (line.startsWith("-Queue ID-") || line.startsWith("-- ") || line.equals("Mail queue is empty")) {
                current = flush(current, messages);
            } else if (!Character.isWhitespace(line.charAt(0)) && line.charAt(0) != '(') {
                current = flush(current, messages);
                current = first(line, i + 1);
            } else if (current == null) {
                throw new QueueOutputException("postqueue -p line " + (i + 1) + ": continuation without a message: " + line.strip());
            } else {
                String s = line.strip();
                if (s.startsWith("(") && s.endsWith(")")) {
                    current.reason = s.substring(1, s.length() - 1);
                } else {
                    current.recipients.add(new QueuedRecipient(s, current.reason));
                }
            }
        }
        flush(current, messages);
        return messages;
    }

    private Record first(String line, int lineNo) {
        Matcher m = FIRST_LINE.matcher(line);
        if (!m.matches()) {
            throw new QueueOutputException("postqueue -p line " + lineNo + " is not a queue entry: " + line);
        }
        String status = QueueId.statusOf(m.group(1));
        Record r = new Record();
        r.id = QueueId.stripStatus(m.group(1));
        r.queueName = status.contains("!") ? "hold" : status.contains("*") ? "active" : QueuedMessage.QUEUED;
        r.forcedExpire = status.contains("#");
        r.size = Long.parseLong(m.group(2));
        r.arrival = arrival(m.group(3), lineNo);
        r.sender = m.group(4).strip();
        return r;
    }

    private Instant arrival(String asctime, int lineNo) {
        ZonedDateTime now = ZonedDateTime.now(hostClock);
        for (int year = now.getYear() + 1; year >= now.getYear() - 1; year--) {
            try {
                ZonedDateTime t = LocalDateTime.parse(asctime + " " + year, ASCTIME).atZone(hostClock.getZone());
                if (!t.isAfter(now.plus(CLOCK_SLACK))) return t.toInstant();
            } catch (DateTimeParseException e) {
                // the weekday does not fit this year: try the previous one
            }
        }
        throw new QueueOutputException("postqueue -p line " + lineNo + ": unreadable arrival time '" + asctime + "'");
    }

    private static Record flush(Record r, List<QueuedMessage> out) {
        if (r != null) {
            out.add(new QueuedMessage(r.queueName, r.id, r.arrival, r.size, r.sender, r.recipients, r.forcedExpire));
        }
        return null;
    }

    private static final class Record {
        String id;
        String queueName;
        boolean forcedExpire;
        long size;
        Instant arrival;
        String sender;
        String reason;
        final List<QueuedRecipient> recipients = new ArrayList<>();
    }
}
