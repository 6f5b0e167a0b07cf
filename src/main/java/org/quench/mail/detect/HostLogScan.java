package org.quench.mail.detect;

import org.quench.expr.ShellQuote;
import org.quench.mail.log.GrepFilter;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The shell scripts that filter a mail log on the host, so only lines a detector uses cross the
 * wire. Every file name and pattern is single-quoted ({@link ShellQuote}); queue ids for the second
 * pass go in a quoted here-document read by {@code grep -f}, never in argv (there can be thousands,
 * and they are log data). Scripts run as {@code sh -s} with the script on stdin.
 *
 * <p>First pass ({@link #firstPass}): {@code grep -b} over each file (gzip ones through
 * {@code gzip -dc}), oldest first, each file introduced by a {@code #quench-file N} marker line so
 * every line that comes back is known by file and byte offset. Rotations last modified before the
 * window are skipped without being read: they only hold older lines.
 *
 * <p>Second pass ({@link #secondPass}): only byte ranges of the files, read with {@code tail -c +S |
 * head -c L} (a seek for a plain file), through {@code grep -F} for the queue ids of the sampled
 * submissions. A second full scan of a 1 GB log would cost as much as the first; the ranges around
 * the sampled submissions are usually a few MB.
 *
 * <p>journald ({@link #journalFirstPass}, {@link #journalSecondPass}): the same filters over
 * {@code journalctl -o short-iso} for Postfix and Dovecot units, the second pass bounded by time.
 */
final class HostLogScan {
    static final String FILE_MARKER = "#quench-file ";
    private static final String IDS_END = "QUENCH_QUEUE_IDS_END";

    private HostLogScan() {
    }

    private static String grepArgs(GrepFilter filter) {
        StringBuilder s = new StringBuilder();
        for (String a : filter.grepArguments()) {
            s.append(' ').append(ShellQuote.quote(a));
        }
        return s.toString();
    }

    static String firstPass(List<String> files, GrepFilter filter, Instant since) {
        StringBuilder s = new StringBuilder("LC_ALL=C; export LC_ALL\n");
        String grep = "grep -b -h" + grepArgs(filter);
        for (int i = 0; i < files.size(); i++) {
            String f = ShellQuote.quote(files.get(i));
            s.append("echo '").append(FILE_MARKER).append(i).append("'\n");
            String read = f.endsWith(".gz'") ? "gzip -dc -- " + f + " | " + grep : grep + " -- " + f;
            if (since != null) {
                // Prints the file when it was last written before the window (GNU find; elsewhere
                // find fails, prints nothing, and the file is read).
                s.append("[ -n \"$(find ").append(f).append(" -prune ! -newermt @").append(since.getEpochSecond())
                        .append(" 2>/dev/null)\" ] || ");
            }
            s.append(read).append('\n');
        }
        return s.append("true\n").toString();
    }

    /** A byte range of one file: {@code length} bytes from {@code start} (0-based). */
    record Range(String file, long start, long length) {
    }

    static String secondPass(List<Range> ranges, Collection<String> queueIds) {
        StringBuilder s = new StringBuilder("LC_ALL=C; export LC_ALL\n{\n");
        for (Range r : ranges) {
            String f = ShellQuote.quote(r.file());
            String cut = "tail -c +" + (r.start() + 1) + " | head -c " + r.length();
            s.append(f.endsWith(".gz'") ? "gzip -dc -- " + f + " | " + cut : "tail -c +" + (r.start() + 1) + " -- " + f
                    + " | head -c " + r.length()).append('\n');
        }
        s.append("} | grep -h -F -f /dev/fd/3 3<<'").append(IDS_END).append("'\n");
        appendIds(s, queueIds);
        return s.append(IDS_END).append("\ntrue\n").toString();
    }

    static String journalFirstPass(GrepFilter filter, Instant since) {
        return "journalctl -q --no-pager -o short-iso -u 'postfix*' -u 'dovecot*'"
                + (since == null ? "" : " --since @" + since.getEpochSecond())
                + " | grep -b -h" + grepArgs(filter) + "\ntrue\n";
    }

    static String journalSecondPass(Instant from, Instant until, Collection<String> queueIds) {
        StringBuilder s = new StringBuilder("journalctl -q --no-pager -o short-iso -u 'postfix*' -u 'dovecot*' --since @")
                .append(from.getEpochSecond()).append(" --until @").append(until.getEpochSecond())
                .append(" | grep -h -F -f /dev/fd/3 3<<'").append(IDS_END).append("'\n");
        appendIds(s, queueIds);
        return s.append(IDS_END).append("\ntrue\n").toString();
    }

    /** One pattern per line; {@link GrepFilter#queueIds} keeps only alphanumeric ids. */
    private static void appendIds(StringBuilder s, Collection<String> queueIds) {
        for (String p : GrepFilter.queueIds(queueIds).fixedStrings()) {
            s.append(p).append('\n');
        }
    }
}
