package org.quench.mail.contain;

import org.quench.engine.ModuleCall.PlannedCommand;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.expr.ShellQuote;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A password reset that is one command fed on stdin: the platform CLIs (reference §0
 * "reset_password", §3.2, §4.1, §5) and a custom hook. Success is the command's exit status (and,
 * for zmprov, no {@code ERROR:} in its output); these platforms offer no safe way to test the new
 * password from the shell, so {@code verified} is false and the runbook's own verification
 * (old password refused) is what proves it.
 */
final class CommandPasswordReset implements PasswordReset {
    /** zmprov reads commands from stdin and splits them into words; quoting rules there are UNVERIFIED. */
    private static final Pattern ZMPROV_SAFE = Pattern.compile("[^\\s'\"\\\\]+");

    private final String platform;
    private final String user;
    private final PlannedCommand command;
    private final String stdin;
    private final boolean onQuenchMachine;

    private CommandPasswordReset(String platform, String user, PlannedCommand command, String stdin) {
        this(platform, user, command, stdin, false);
    }

    private CommandPasswordReset(String platform, String user, PlannedCommand command, String stdin, boolean onQuenchMachine) {
        this.platform = platform;
        this.user = user;
        this.command = command;
        this.stdin = stdin;
        this.onQuenchMachine = onQuenchMachine;
    }

    /**
     * {@code bm-cli user update USER --password "$NEW_PASSWORD"}, the value read from stdin into a
     * shell variable (not exported: only bm-cli's argv needs it). bm-cli has no stdin form, so on the
     * host the password is in bm-cli's own argv while it runs (never in the SSH command or sshd's
     * log); the REST call {@code POST /api/users/{domainUid}/{userUid}/password_} avoids even that.
     * bm-cli trims the value, so leading or trailing blanks are refused.
     */
    static CommandPasswordReset blueMind(String user, String password) {
        if (!password.equals(password.strip())) {
            throw new IllegalArgumentException(PasswordModule.NAME + ": bm-cli trims passwords; refusing one with leading or trailing blanks");
        }
        String cmd = StdinVariable.read("NEW_PASSWORD") + "bm-cli user update " + ShellQuote.quote(user)
                + " --password \"$NEW_PASSWORD\"";
        return new CommandPasswordReset(Platform.BLUEMIND.id(), user, new PlannedCommand(cmd, MASKED), password + "\n");
    }

    /**
     * {@code zmprov} without arguments, as the zimbra user, reading {@code sp USER PASSWORD} from
     * stdin: the password never enters an argv. How zmprov tokenises quotes on stdin is UNVERIFIED,
     * so a password with blanks, quotes or backslashes is refused (quench's generator never makes one).
     */
    static CommandPasswordReset zimbra(String user, String password) {
        if (!ZMPROV_SAFE.matcher(password).matches()) {
            throw new IllegalArgumentException(PasswordModule.NAME + ": on Zimbra the password goes to zmprov on stdin,"
                    + " whose quoting is unverified: refusing a password with blanks, quotes or backslashes");
        }
        String cmd = LogoutModule.zimbra(LogoutModule.ZMPROV);
        return new CommandPasswordReset(Platform.ZIMBRA.id(), user,
                new PlannedCommand(cmd, "sp " + user + " " + MASKED), "sp " + user + " " + password + "\n");
    }

    /** Plesk's own documented safe form: {@code PSA_PASSWORD} in the environment, {@code -passwd ''}. */
    static CommandPasswordReset plesk(String user, String password) {
        String cmd = StdinVariable.readExported("PSA_PASSWORD") + "plesk bin mail -u " + ShellQuote.quote(user) + " -passwd ''";
        return new CommandPasswordReset(Platform.PLESK.id(), user, new PlannedCommand(cmd, MASKED), password + "\n");
    }

    /**
     * A site's own command (LDAP/AD-backed accounts), from the inventory: run on the host with the
     * account in {@code QUENCH_USER} and the new password as the first line of its stdin.
     */
    static CommandPasswordReset hook(String hook, String user, String password) {
        String cmd = StdinVariable.readExported("QUENCH_USER") + hook;
        return new CommandPasswordReset("hook", user,
                new PlannedCommand(cmd, "QUENCH_USER=" + user + ", then the " + MASKED), user + "\n" + password + "\n");
    }

    /**
     * The same contract as {@link #hook}, run on the machine quench runs on rather than the host —
     * where a directory script and its credentials usually live — with the host's inventory name
     * in {@code QUENCH_HOST} too.
     */
    static CommandPasswordReset localHook(String hook, String hostName, String user, String password) {
        String cmd = "QUENCH_HOST=" + ShellQuote.quote(hostName) + "; export QUENCH_HOST; "
                + StdinVariable.readExported("QUENCH_USER") + hook;
        return new CommandPasswordReset("local hook", user, new PlannedCommand(cmd,
                "on this machine, not the host: QUENCH_USER=" + user + ", then the " + MASKED), user + "\n" + password + "\n", true);
    }

    @Override
    public List<PlannedCommand> commands() {
        return List.of(command);
    }

    @Override
    public Map<String, Object> execute(ModuleContext ctx) throws ModuleFailure, TransportException {
        byte[] in = stdin.getBytes(StandardCharsets.UTF_8);
        ExecResult r = onQuenchMachine ? ctx.execLocal(command.command(), in, ctx.timeout()) : ctx.exec(command.command(), in, ctx.timeout());
        String output = ctx.mask((r.stderr() + "\n" + r.stdout()).strip());
        // zmprov in stdin mode reports a failed command as "ERROR: …" and may still exit 0
        boolean zmprovError = platform.equals(Platform.ZIMBRA.id()) && output.contains("ERROR:");
        if (!r.ok() || zmprovError) {
            throw new ModuleFailure(PasswordModule.NAME + ": setting the password of " + user + " failed (" + platform
                    + ", exit " + r.exitCode() + "): " + lastLines(output));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("platform", platform);
        out.put("changed", true);
        out.put("verified", false);
        return out;
    }

    private static String lastLines(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
