package org.quench.mail.contain;

/**
 * A shell prelude that reads one line of the command's stdin into a variable. Secrets travel this
 * way: a value in the command line would be in the remote argv (visible in {@code ps}) and in
 * sshd's logs, and servers rarely accept SSH SetEnv. {@code read} consumes stdin byte by byte, so
 * what follows the line still reaches the command. Exit 97 means stdin ended before the line
 * (the same code as the engine's {@code env:} prelude).
 */
final class StdinVariable {
    static final int STDIN_ENDED = 97;

    private StdinVariable() {
    }

    /** {@code IFS= read -r NAME || exit 97; } — a shell variable only the shell itself sees. */
    static String read(String name) {
        return "IFS= read -r " + name + " || exit " + STDIN_ENDED + "; ";
    }

    /** {@code IFS= read -r NAME || exit 97; export NAME; } — also in the environment of what follows. */
    static String readExported(String name) {
        return read(name) + "export " + name + "; ";
    }

    /** Whether a value can travel as one stdin line. */
    static boolean fitsOneLine(String value) {
        return value.indexOf('\n') < 0 && value.indexOf('\r') < 0 && value.indexOf('\0') < 0;
    }
}
