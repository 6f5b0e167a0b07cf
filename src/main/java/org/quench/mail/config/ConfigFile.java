package org.quench.mail.config;

import org.quench.expr.ShellQuote;

/**
 * A configuration file to back up, as the shell word that names it on the host. main.cf and
 * master.cf are named through {@code $c}, the host's own {@code postconf -h config_directory}
 * (set by the backup command), so the plan is exact on every layout without guessing
 * {@code /etc/postfix}.
 */
public record ConfigFile(String shellWord) {

    public static ConfigFile mainCf() {
        return new ConfigFile("\"$c/main.cf\"");
    }

    public static ConfigFile masterCf() {
        return new ConfigFile("\"$c/master.cf\"");
    }

    /** A file at an absolute path (a lookup table); it may not exist yet. */
    public static ConfigFile path(String absolutePath) {
        if (!absolutePath.startsWith("/")) throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        return new ConfigFile(ShellQuote.quote(absolutePath));
    }
}
