package org.quench.mail.detect;

import java.util.List;

/**
 * Where a log-reading step reads from: the systemd journal, or the mail log files (current first,
 * rotated ones after, as {@code mail.discover} lists them).
 */
public record LogSource(boolean journal, List<String> files) {
    public LogSource {
        files = List.copyOf(files);
    }

    /** What the plan says the step reads, without listing every rotated file. */
    public String describe() {
        return journal ? "journalctl" : files.size() + " log file(s)";
    }
}
