package org.quench.mail.log;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Turns one mail log line into a typed {@link MailEvent}, or null when the line says nothing the
 * detectors use (connects, TLS chatter, opendkim, …). Hand-written scanning (indexOf and
 * regionMatches, no regex) because it runs over gigabytes of log.
 *
 * <p>Line shape: {@code TIMESTAMP [HOST] TAG: MESSAGE} where TAG is {@code program[pid]},
 * {@code program} or a Dovecot sub-process tag such as {@code auth-worker(123)}. Dispatch is by
 * program: {@code postfix*} (any instance or service name: {@code postfix/submission/smtpd},
 * {@code postfix-out/smtpd}, {@code postfix/10587/smtpd}), {@code amavis*}, Dovecot.
 *
 * <p>Never throws on input; not thread-safe (the timestamp cache): one parser per thread.
 */
public final class MailLogParser {
    private final TimestampReader timestamps;
    private final PostfixMessages postfix = new PostfixMessages();
    private final DovecotMessages dovecot = new DovecotMessages();
    private final AmavisMessages amavis = new AmavisMessages();

    /**
     * @param reference date the log is read (or the file's mtime): year-less syslog stamps after
     *                  that date are taken from the previous year
     * @param zone      zone of the host that wrote year-less local stamps
     */
    public MailLogParser(LocalDate reference, ZoneId zone) {
        this.timestamps = new TimestampReader(reference, zone);
    }

    /** Reference = today (UTC), zone UTC. */
    public static MailLogParser utcToday() {
        return new MailLogParser(LocalDate.now(Clock.systemUTC()), ZoneOffset.UTC);
    }

    /** Parses one full log line. */
    public MailEvent parse(String line) {
        try {
            return parseLine(line);
        } catch (RuntimeException e) {
            // A parser bug must cost one line, never the whole scan.
            return null;
        }
    }

    /**
     * Same as {@link #parse} but lets a parser bug surface as an exception instead of costing
     * the line: for conformance tests and diagnostics.
     */
    public MailEvent parseOrThrow(String line) {
        return parseLine(line);
    }

    /**
     * Parses a message body without its syslog header, as given by corpora that store only the
     * text after {@code program[pid]: }. {@code program} is the syslog tag without pid.
     */
    public MailEvent parseMessage(String program, String message) {
        try {
            return dispatch(new LogHeader(null, null, program), program, message, message);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private MailEvent parseLine(String line) {
        if (line == null || !timestamps.read(line)) {
            return null;
        }
        int i = skipSpaces(line, timestamps.end);
        int tokenEnd = line.indexOf(' ', i);
        if (tokenEnd < 0) {
            return null;
        }
        String host = null;
        int tagStart = i;
        if (line.charAt(tokenEnd - 1) != ':') {
            // HOST TAG: — Dovecot's own log files have no host, syslog always has one
            host = line.substring(i, tokenEnd);
            tagStart = skipSpaces(line, tokenEnd);
            tokenEnd = line.indexOf(' ', tagStart);
            if (tokenEnd < 0 || line.charAt(tokenEnd - 1) != ':') {
                return null;
            }
        }
        int tagEnd = tokenEnd - 1;
        int bracket = line.indexOf('[', tagStart);
        int paren = line.indexOf('(', tagStart);
        int programEnd = tagEnd;
        if (bracket >= 0 && bracket < programEnd) {
            programEnd = bracket;
        }
        if (paren >= 0 && paren < programEnd) {
            programEnd = paren;
        }
        // Decide relevance before allocating: most lines of a busy log are from other programs
        // or are dropped by the daemon parsers anyway.
        if (!relevantAt(line, tagStart)) {
            return null;
        }
        String program = line.substring(tagStart, programEnd);
        if (!relevant(program)) {
            return null;
        }
        Instant time = Instant.ofEpochSecond(timestamps.epochSecond, timestamps.nanos);
        LogHeader header = new LogHeader(time, host, program);
        String message = line.substring(skipSpaces(line, tokenEnd));
        // Dovecot sub-process tags (imap-login:, auth-worker(12):, auth(user,ip,…)<s>:) carry
        // facts of their own, so that parser sees the line from the tag on.
        String fromTag = isDovecot(program) && !program.startsWith("dovecot") ? line.substring(tagStart) : message;
        return dispatch(header, program, message, fromTag);
    }

    private static boolean relevantAt(String line, int at) {
        char c = at < line.length() ? line.charAt(at) : ' ';
        return c == 'p' || c == 'a' || c == 'd' || line.indexOf("-login", at) > 0;
    }

    private static boolean relevant(String program) {
        return program.startsWith("postfix") || program.startsWith("amavis")
                || isDovecot(program);
    }

    private static boolean isDovecot(String program) {
        return program.startsWith("dovecot") || program.endsWith("-login")
                || program.startsWith("auth");
    }

    private MailEvent dispatch(LogHeader header, String program, String message, String fromTag) {
        if (program.startsWith("postfix")) {
            int slash = program.lastIndexOf('/');
            String daemon = slash < 0 ? program : program.substring(slash + 1);
            return postfix.parse(header, daemon, message);
        }
        if (program.startsWith("amavis")) {
            return amavis.parse(header, message);
        }
        if (isDovecot(program)) {
            boolean tagIsProcess = !program.startsWith("dovecot");
            return dovecot.parse(header, tagIsProcess ? fromTag : message);
        }
        return null;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
