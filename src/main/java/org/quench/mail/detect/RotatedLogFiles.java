package org.quench.mail.detect;

import org.quench.mail.log.LogRotation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Picks a log and its rotations out of a directory listing: {@code mail.log}, {@code mail.log.1},
 * {@code mail.log.2.gz}, {@code mail.log-20261122[.gz]} — but not {@code mail.log.bak},
 * {@code mail.log.swp} or another log sharing the prefix. Returned oldest first, the order the
 * detectors must read them in.
 */
final class RotatedLogFiles {
    private static final Pattern ROTATION_SUFFIX = Pattern.compile("(\\.\\d{1,4}|-\\d{8,10})?(\\.gz)?");

    private RotatedLogFiles() {
    }

    static List<String> of(String base, Collection<String> listing) {
        List<Path> hits = new ArrayList<>();
        for (String f : listing) {
            if (f.startsWith(base) && ROTATION_SUFFIX.matcher(f.substring(base.length())).matches()) {
                hits.add(Path.of(f));
            }
        }
        return LogRotation.chronological(hits).stream().map(Path::toString).toList();
    }

    /** Files an explicit glob matched, taken as given but read oldest first. */
    static List<String> ordered(Collection<String> files) {
        return LogRotation.chronological(files.stream().map(Path::of).toList()).stream().map(Path::toString).toList();
    }
}
