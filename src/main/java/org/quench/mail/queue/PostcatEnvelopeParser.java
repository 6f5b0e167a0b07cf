package org.quench.mail.queue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output of {@code postcat -e -q ID…}: one {@code *** ENVELOPE RECORDS queue/x/ID ***} section per
 * message, records as {@code name: value}, named attributes as {@code named_attribute: name=value}.
 * Record kinds it does not need (sizes, times, DSN details) are skipped, as are the empty content
 * section markers {@code -e} still prints.
 */
public final class PostcatEnvelopeParser {
    private static final Pattern ENVELOPE_START = Pattern.compile("^\\*\\*\\* ENVELOPE RECORDS (\\S+) \\*\\*\\*$");
    private static final Pattern OTHER_SECTION = Pattern.compile("^\\*\\*\\* .* \\*\\*\\*$");

    public List<Envelope> parse(String output) {
        List<Envelope> envelopes = new ArrayList<>();
        Section s = null;
        for (String line : output.split("\n")) {
            Matcher start = ENVELOPE_START.matcher(line);
            if (start.matches()) {
                add(s, envelopes);
                s = new Section(start.group(1));
            } else if (OTHER_SECTION.matcher(line).matches()) {
                add(s, envelopes);
                s = null;
            } else if (s != null) {
                s.record(line);
            }
        }
        add(s, envelopes);
        return envelopes;
    }

    private static void add(Section s, List<Envelope> out) {
        if (s != null) out.add(new Envelope(s.queueId, s.queueName, s.attributes, s.sender, s.recipients));
    }

    private static final class Section {
        final String queueId;
        final String queueName;
        final Map<String, String> attributes = new LinkedHashMap<>();
        String sender = "";
        final List<String> recipients = new ArrayList<>();

        /** @param path {@code deferred/9/9525120C24D}: first element the queue, last the id */
        Section(String path) {
            int slash = path.indexOf('/');
            queueName = slash > 0 ? path.substring(0, slash) : "";
            queueId = path.substring(path.lastIndexOf('/') + 1);
        }

        void record(String line) {
            int colon = line.indexOf(": ");
            if (colon <= 0) return;
            String name = line.substring(0, colon);
            String value = line.substring(colon + 2);
            switch (name) {
                case "named_attribute" -> {
                    int eq = value.indexOf('=');
                    // dsn_orig_rcpt repeats once per recipient; keep the first (identity attributes occur once)
                    if (eq > 0) attributes.putIfAbsent(value.substring(0, eq), value.substring(eq + 1));
                }
                case "sender" -> sender = value;
                case "recipient" -> recipients.add(value);
                default -> {
                    // sizes, times, original_recipient, done_recipient, DSN records: not needed
                }
            }
        }
    }
}
