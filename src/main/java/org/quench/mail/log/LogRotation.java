package org.quench.mail.log;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Orders rotated log files oldest first, as logrotate names them: {@code mail.log.3.gz},
 * {@code mail.log.2.gz}, {@code mail.log.1}, {@code mail.log} (numbered: higher is older), and
 * {@code dateext} names {@code mail.log-20261122[.gz]} (date ascending, before the live file).
 * Files with different base names ({@code mail.log*}, {@code mail.warn*}) are grouped by base.
 */
public final class LogRotation {
    private LogRotation() {
    }

    public static List<Path> chronological(Collection<Path> files) {
        List<Path> out = new ArrayList<>(files);
        out.sort(Comparator.comparing((Path p) -> key(p).base)
                .thenComparingInt(p -> key(p).kind)
                .thenComparingLong(p -> key(p).order));
        return out;
    }

    /** kind 0 = dated, 1 = numbered, 2 = live file. */
    private record Key(String base, int kind, long order) {
    }

    private static Key key(Path p) {
        String name = p.getFileName().toString();
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            long n = Digits.parse(name, dot + 1, name.length());
            if (n >= 0 && name.length() - dot - 1 <= 4) {
                return new Key(name.substring(0, dot), 1, -n);
            }
        }
        int dash = name.lastIndexOf('-');
        if (dash > 0) {
            long date = Digits.parse(name, dash + 1, name.length());
            if (date >= 0 && name.length() - dash - 1 >= 8) {
                return new Key(name.substring(0, dash), 0, date);
            }
        }
        return new Key(name, 2, 0);
    }
}
