package org.quench.engine;

import org.quench.expr.ShellQuote;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A command plus what it receives on stdin. Environment values travel on stdin too, read by a
 * short {@code read -r} prelude: over SSH, an assignment in the command line would show in the
 * remote argv and in sshd's logs, and servers rarely accept SetEnv. {@code read} consumes stdin one
 * byte at a time, so the step's own stdin reaches the command intact after the values.
 */
record RemoteCommand(String shown, String wire, byte[] stdin) {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    static RemoteCommand of(String command, Map<String, String> env, String stdinText) {
        StringBuilder prelude = new StringBuilder();
        StringBuilder input = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            String value = e.getValue() == null ? "" : e.getValue();
            if (!ENV_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("environment name " + ShellQuote.quote(name) + " is not a valid name");
            }
            if (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("environment value of " + name + " contains a newline or NUL");
            }
            prelude.append("IFS= read -r ").append(name).append(" || exit 97; export ").append(name).append("; ");
            input.append(value).append('\n');
        }
        if (stdinText != null) input.append(stdinText);
        String wire = prelude.isEmpty() ? command : prelude + command;
        byte[] bytes = input.isEmpty() ? null : input.toString().getBytes(StandardCharsets.UTF_8);
        return new RemoteCommand(command, wire, bytes);
    }
}
