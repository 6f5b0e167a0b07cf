package org.quench.mail.log;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Reads the timestamp at the start of a log line:
 * <ul>
 * <li>classic syslog / postlogd / {@code journalctl} default: {@code Nov 23 06:10:51} (day
 *     space-padded or not) — no year and local time, so the year comes from a reference date
 *     and the offset from the host's zone;</li>
 * <li>RFC 3339 (rsyslog high precision, {@code journalctl -o short-iso[-precise]}):
 *     {@code 2026-11-23T06:10:51.123456+00:00}, {@code …Z}, {@code …+0100};</li>
 * <li>Dovecot's own {@code 2026-11-23 06:10:51} (host zone) and daemontools TAI64N
 *     {@code @4000000061a1b2c3…} (read as plain epoch seconds; leap-second offset ignored).</li>
 * </ul>
 * Conversions to epoch seconds are cached per minute because lines arrive in order: the
 * per-line cost is a few digit reads. Not thread-safe; one instance per reading thread.
 */
final class TimestampReader {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private final LocalDate reference;
    private final ZoneId zone;

    /** Outputs of the last successful {@link #read}. */
    long epochSecond;
    int nanos;
    int end;

    private long cachedMinuteKey = Long.MIN_VALUE;
    private long cachedMinuteEpoch;

    /**
     * @param reference the date the log was read (or the file's mtime); a syslog stamp later than
     *                  the day after it belongs to the previous year (a December line read in January)
     * @param zone      zone of the host that wrote year-less local stamps
     */
    TimestampReader(LocalDate reference, ZoneId zone) {
        this.reference = reference;
        this.zone = zone;
    }

    /** Reads a timestamp at the start of {@code line}; false when there is none. */
    boolean read(String line) {
        if (line.length() < 15) {
            return false;
        }
        char c0 = line.charAt(0);
        if (c0 >= 'A' && c0 <= 'Z') {
            return readSyslog(line);
        }
        if (c0 >= '0' && c0 <= '9') {
            return readIso(line);
        }
        if (c0 == '@') {
            return readTai64n(line);
        }
        return false;
    }

    private boolean readSyslog(String line) {
        int month = month(line);
        if (month == 0 || line.charAt(3) != ' ') {
            return false;
        }
        int i = 4;
        if (line.charAt(i) == ' ') {
            i++;
        }
        int dayEnd = Digits.skip(line, i);
        long day = Digits.parse(line, i, dayEnd);
        if (day < 1 || day > 31 || dayEnd + 9 > line.length() || line.charAt(dayEnd) != ' ') {
            return false;
        }
        int t = dayEnd + 1;
        if (!timeOfDayAt(line, t)) {
            return false;
        }
        int hour = (int) Digits.parse(line, t, t + 2);
        int minute = (int) Digits.parse(line, t + 3, t + 5);
        int second = (int) Digits.parse(line, t + 6, t + 8);
        int year = inferYear(month, (int) day);
        long key = ((((long) year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute;
        if (key != cachedMinuteKey) {
            LocalDateTime ldt;
            try {
                ldt = LocalDateTime.of(year, month, (int) day, hour, minute);
            } catch (java.time.DateTimeException e) {
                return false; // Feb 29 in an inferred non-leap year, Apr 31, …
            }
            cachedMinuteEpoch = ldt.atZone(zone).toEpochSecond();
            cachedMinuteKey = key;
        }
        epochSecond = cachedMinuteEpoch + second;
        nanos = 0;
        end = t + 8;
        // journalctl -o short-precise appends microseconds to the classic form
        if (end < line.length() && line.charAt(end) == '.') {
            end = readFraction(line, end + 1);
        }
        return true;
    }

    /** 1–12 for an English month abbreviation at the start of {@code s}, else 0 (no allocation). */
    private static int month(String s) {
        for (int m = 0; m < 12; m++) {
            if (s.regionMatches(0, MONTHS, m * 3, 3)) {
                return m + 1;
            }
        }
        return 0;
    }

    private int inferYear(int month, int day) {
        int year = reference.getYear();
        int refMonth = reference.getMonthValue();
        if (month > refMonth || (month == refMonth && day > reference.getDayOfMonth() + 1)) {
            year--;
        }
        return year;
    }

    private static boolean timeOfDayAt(String s, int t) {
        return t + 8 <= s.length() && s.charAt(t + 2) == ':' && s.charAt(t + 5) == ':'
                && Digits.parse(s, t, t + 2) >= 0 && Digits.parse(s, t + 3, t + 5) >= 0
                && Digits.parse(s, t + 6, t + 8) >= 0;
    }

    private boolean readIso(String line) {
        if (line.length() < 19 || line.charAt(4) != '-' || line.charAt(7) != '-') {
            return false;
        }
        char sep = line.charAt(10);
        if ((sep != 'T' && sep != ' ') || !timeOfDayAt(line, 11)) {
            return false;
        }
        long year = Digits.parse(line, 0, 4);
        long month = Digits.parse(line, 5, 7);
        long day = Digits.parse(line, 8, 10);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
            return false;
        }
        int hour = (int) Digits.parse(line, 11, 13);
        int minute = (int) Digits.parse(line, 14, 16);
        int second = (int) Digits.parse(line, 17, 19);
        int i = 19;
        nanos = 0;
        if (i < line.length() && (line.charAt(i) == '.' || line.charAt(i) == ',')) {
            i = readFraction(line, i + 1);
        }
        // offset: Z, +hh:mm, +hhmm, or none (host zone)
        int offsetSeconds = Integer.MIN_VALUE;
        if (i < line.length()) {
            char c = line.charAt(i);
            if (c == 'Z') {
                offsetSeconds = 0;
                i++;
            } else if ((c == '+' || c == '-') && i + 5 <= line.length()) {
                long hh = Digits.parse(line, i + 1, i + 3);
                int mmAt = line.charAt(i + 3) == ':' ? i + 4 : i + 3;
                long mm = Digits.parse(line, mmAt, mmAt + 2);
                if (hh < 0 || mm < 0) {
                    return false;
                }
                offsetSeconds = (int) ((hh * 3600 + mm * 60) * (c == '-' ? -1 : 1));
                i = mmAt + 2;
            }
        }
        long key = ((((year * 13 + month) * 32 + day) * 24 + hour) * 60 + minute) * 100_000L
                + (offsetSeconds == Integer.MIN_VALUE ? 99_999 : offsetSeconds / 60 + 50_000);
        if (key != cachedMinuteKey) {
            LocalDateTime ldt;
            try {
                ldt = LocalDateTime.of((int) year, (int) month, (int) day, hour, minute);
            } catch (java.time.DateTimeException e) {
                return false;
            }
            cachedMinuteEpoch = offsetSeconds == Integer.MIN_VALUE
                    ? ldt.atZone(zone).toEpochSecond()
                    : ldt.toEpochSecond(ZoneOffset.ofTotalSeconds(offsetSeconds));
            cachedMinuteKey = key;
        }
        epochSecond = cachedMinuteEpoch + second;
        end = i;
        return true;
    }

    private int readFraction(String line, int from) {
        int to = Digits.skip(line, from);
        int n = 0;
        for (int i = from; i < from + 9; i++) {
            n = n * 10 + (i < to ? line.charAt(i) - '0' : 0);
        }
        nanos = n;
        return to;
    }

    private boolean readTai64n(String line) {
        if (line.length() < 25) {
            return false;
        }
        long label = 0;
        for (int i = 1; i < 17; i++) {
            int d = Character.digit(line.charAt(i), 16);
            if (d < 0) {
                return false;
            }
            label = (label << 4) | d;
        }
        epochSecond = label - 0x4000000000000000L;
        nanos = 0;
        end = 25;
        return true;
    }
}
