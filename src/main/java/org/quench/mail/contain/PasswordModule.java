package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code account.password}: sets a compromised account's password to the run's new secret. The
 * password comes from the runbook ({@code password: "{{ secrets.new_password }}"}), reaches the
 * host only on stdin, and is registered as a secret so any echo of it is masked. The way it is set:
 * <ul>
 * <li>a custom hook, when {@code hook} or the host var {@code password_hook} is set — for accounts
 * that live in LDAP/AD rather than in the mail platform — run on the host; or, with
 * {@code hook_local} / {@code password_hook_local}, on the machine quench runs on;</li>
 * <li>otherwise per platform: postfix → the Dovecot passwd-file ({@link PasswdFileReset};
 * {@code passwd_file} from discovery or the host var), bluemind → bm-cli, zimbra → zmprov,
 * plesk → plesk bin mail ({@link CommandPasswordReset}).</li>
 * </ul>
 * Returns {@code {user, platform, changed, verified}} plus {@code backup} for the passwd-file.
 */
public final class PasswordModule implements StepModule {
    static final String NAME = "account.password";
    private static final Pattern SUFFIX = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.ACTION,
                Set.of("user", "password", "platform", "passwd_file", "hook", "hook_local", "backup_suffix"), Set.of("user", "password"),
                "set an account's password (new password on stdin only): passwd-file, bm-cli, zmprov, plesk, or a hook on the host or this machine");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        String user = AccountName.check(NAME, a.required("user"));
        String password = a.secret("password");
        if (!StdinVariable.fitsOneLine(password)) {
            throw new IllegalArgumentException(NAME + ": the new password must be one line (it travels as a stdin line)");
        }
        PasswordReset reset = choose(host, a, user, password);
        return ModuleCall.of(reset.commands(), ctx -> {
            ctx.registerSecret(password);
            return reset.execute(ctx);
        });
    }

    static PasswordReset choose(Host host, StepArguments a, String user, String password) {
        String hook = a.text("hook") != null ? a.text("hook") : blankToNull(host.var("password_hook"));
        String local = a.text("hook_local") != null ? a.text("hook_local") : blankToNull(host.var("password_hook_local"));
        if (hook != null && local != null) {
            throw new IllegalArgumentException(NAME + ": both a host hook (password_hook) and a local hook (password_hook_local)"
                    + " are set for " + host.name() + ": keep the one that really changes the password");
        }
        if (local != null) return CommandPasswordReset.localHook(local, host.name(), user, password);
        if (hook != null) return CommandPasswordReset.hook(hook, user, password);
        return switch (Platform.of(NAME, a.text("platform"), host)) {
            case POSTFIX -> passwdFile(host, a, user, password);
            case BLUEMIND -> CommandPasswordReset.blueMind(user, password);
            case ZIMBRA -> CommandPasswordReset.zimbra(user, password);
            case PLESK -> CommandPasswordReset.plesk(user, password);
        };
    }

    private static PasswordReset passwdFile(Host host, StepArguments a, String user, String password) {
        String file = a.text("passwd_file") != null ? a.text("passwd_file") : blankToNull(host.var("passwd_file"));
        if (file == null) {
            throw new IllegalArgumentException(NAME + ": on Postfix + Dovecot, `passwd_file` is required (the passdb file,"
                    + " from discovery via doveconf or the host var passwd_file); for an SQL/LDAP passdb use a password_hook");
        }
        if (!file.startsWith("/")) throw new IllegalArgumentException(NAME + ": passwd_file must be an absolute path, got " + file);
        if (user.contains(":")) throw new IllegalArgumentException(NAME + ": a passwd-file user cannot contain ':'");
        String suffix = a.text("backup_suffix");
        if (suffix != null && !SUFFIX.matcher(suffix).matches()) {
            throw new IllegalArgumentException(NAME + ": backup_suffix may hold letters, digits, '.', '_' and '-' only");
        }
        if (suffix != null && suffix.contains(password)) {
            throw new IllegalArgumentException(NAME + ": backup_suffix must not contain the new password");
        }
        return new PasswdFileReset(user, password, file, suffix);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
