package org.quench.mail.contain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BlueMind's major version, which changes bm-cli's syntax: 4.x takes the login positionally
 * ({@code bm-cli user logout LOGIN}), 5.x needs {@code --email LOGIN} (BM-19478). Discovery probes
 * it; quench never guesses, since the wrong form fails or, worse, is read as another option.
 */
final class BlueMindVersion {
    private static final Pattern MAJOR = Pattern.compile("^\\s*v?(\\d+)");

    private BlueMindVersion() {
    }

    static int major(String module, String version) {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException(module + ": on BlueMind, `bluemind_version` is required (4 or 5, from"
                    + " discovery or the host var): bm-cli 4.x takes the login positionally, 5.x needs --email,"
                    + " and quench does not guess");
        }
        Matcher m = MAJOR.matcher(version);
        int major = m.find() ? Integer.parseInt(m.group(1)) : -1;
        if (major < 4) {
            throw new IllegalArgumentException(module + ": unsupported BlueMind version '" + version + "' (need 4.x or 5.x or later)");
        }
        return major;
    }
}
