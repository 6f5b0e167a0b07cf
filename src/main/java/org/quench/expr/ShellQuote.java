package org.quench.expr;

/**
 * POSIX sh quoting. Everything goes inside single quotes, where the shell interprets nothing; a
 * single quote is written as {@code '\''} (close, escaped quote, reopen). The result is one inert
 * word whatever the input holds: {@code $()}, backticks, newlines, globs, semicolons.
 */
public final class ShellQuote {
    private ShellQuote() {
    }

    /**
     * @throws IllegalArgumentException when the value contains a NUL byte: a shell argument cannot
     *                                  carry one, and silently truncating would run a different command
     */
    public static String quote(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("value contains a NUL byte, which a shell argument cannot carry");
        }
        StringBuilder out = new StringBuilder(value.length() + 2);
        out.append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                out.append("'\\''");
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
