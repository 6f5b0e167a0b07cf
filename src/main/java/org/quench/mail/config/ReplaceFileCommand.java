package org.quench.mail.config;

import org.quench.expr.ShellQuote;

/**
 * The command that replaces a small configuration file (a lookup table) with the content on its
 * stdin, atomically: the content goes to a temporary file beside it, which takes over the old
 * file's owner and mode (or 0644 for a new file: Postfix tables are world-readable), then is
 * renamed over it. A Postfix daemon reading the table sees the old or the new file, never half
 * of one. The directory must exist: a table in a missing directory fails here, before any
 * restriction names it.
 */
public final class ReplaceFileCommand {
    private ReplaceFileCommand() {
    }

    public static String of(String absolutePath) {
        if (!absolutePath.startsWith("/")) throw new IllegalArgumentException("not an absolute path: " + absolutePath);
        return "f=" + ShellQuote.quote(absolutePath) + "; t=$(mktemp \"$f.quench-tmp.XXXXXX\") || exit 1; "
                + "{ if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$t\"; else chmod 644 \"$t\"; fi && cat > \"$t\" && mv -f -- \"$t\" \"$f\"; } "
                + "|| { rm -f -- \"$t\"; exit 1; }";
    }
}
