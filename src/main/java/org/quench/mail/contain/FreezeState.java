package org.quench.mail.contain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The host's record of a freeze ({@value #PATH}), so a thaw in a later run restores exactly the
 * previous {@code defer_transports}. Lines: {@code previous=unset} or {@code previous=set:VALUE}
 * (VALUE may be empty: set to nothing), and {@code deferred=T1 T2} (what the freeze added).
 */
record FreezeState(DeferTransports previous, List<String> deferred) {
    static final String PATH = "/var/lib/quench/freeze-outbound.state";
    private static final String HEADER = "# quench freeze-outbound: thaw-outbound restores defer_transports from this file";

    FreezeState {
        deferred = List.copyOf(deferred);
    }

    String render() {
        return HEADER + "\nprevious=" + (previous.set() ? "set:" + previous.value() : "unset")
                + "\ndeferred=" + String.join(" ", deferred) + "\n";
    }

    /** @throws IllegalArgumentException when the file is not one a freeze wrote (a thaw then refuses) */
    static FreezeState parse(String text) {
        DeferTransports previous = null;
        List<String> deferred = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) continue;
            if (line.startsWith("previous=")) {
                String p = line.substring("previous=".length());
                if (p.equals("unset")) previous = DeferTransports.UNSET;
                else if (p.startsWith("set:")) previous = new DeferTransports(true, p.substring(4));
                else throw new IllegalArgumentException("bad previous= line in " + PATH + ": " + line);
            } else if (line.startsWith("deferred=")) {
                for (String w : line.substring("deferred=".length()).split("\\s+")) if (!w.isEmpty()) deferred.add(w);
            } else {
                throw new IllegalArgumentException("unexpected line in " + PATH + ": " + line);
            }
        }
        if (previous == null) throw new IllegalArgumentException(PATH + " has no previous= line");
        return new FreezeState(previous, deferred);
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("present", true);
        m.put("previous", previous.toMap());
        m.put("deferred", deferred);
        return m;
    }
}
