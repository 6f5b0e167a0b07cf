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
 * Plain Postfix + Dovecot with a passwd-file passdb (reference §0, §2):
 * <ol>
 * <li>read the user's current hash ({@code awk} on the file) — exactly one line must match, else
 * nothing is changed;</li>
 * <li>hash the new password on the host: {@code doveadm pw -s SHA512-CRYPT} reads it twice from
 * stdin when stdin is not a terminal, so it never appears in argv. doveadm 2.3 prints a hash and
 * exits 0 even when the two lines differ or stdin is empty (lab), so the output is accepted only
 * when stderr is silent and it has the SHA512-CRYPT form;</li>
 * <li>back up the file with {@code cp -p} (an existing backup of the same name is kept: it holds the
 * earlier state, e.g. before the first user of the same run);</li>
 * <li>rewrite field 2 of that user's line only: a copy with the same owner and mode
 * ({@code cp -p} onto a {@code mktemp} file, then overwritten) is renamed over the file, so Dovecot
 * never reads a half-written passdb. The hash travels on stdin. Dovecot notices a passwd-file
 * change by its mtime (whole seconds) and size, and a SHA512-CRYPT hash has a fixed length: a
 * rewrite within the same second as the previous change would go unseen (seen in the lab), so it
 * waits for the next second first;</li>
 * <li>{@code doveadm auth cache flush USER} (passwd-file edits need no reload);</li>
 * <li>re-read the hash (it must be the new one) and {@code doveadm auth test USER} with the new
 * password on stdin (doveadm reads one line when no password argument is given), retried once a
 * second later since Dovecot re-checks the file at most once per second.</li>
 * </ol>
 */
final class PasswdFileReset implements PasswordReset {
    private static final Pattern SHA512_CRYPT = Pattern.compile("\\{SHA512-CRYPT}\\$6\\$[./0-9A-Za-z]{1,16}\\$[./0-9A-Za-z]{86}");
    static final String BACKUP_INFIX = ".quench-";
    /** {@code doveadm auth test}: EX_NOPERM when the passdb refuses the password. */
    private static final int AUTH_FAILED = 77;
    private static final long SYNC_INTERVAL_MS = 1100;

    private final String user;
    private final String password;
    private final String lookup;
    private final String hash = "doveadm pw -s SHA512-CRYPT";
    private final String backup;
    private final String rewrite;
    private final String flush;
    private final String authTest;

    /** @param backupSuffix appended to the file name; null: {@code .quench-} and the host's date and time */
    PasswdFileReset(String user, String password, String file, String backupSuffix) {
        this.user = user;
        this.password = password;
        String f = ShellQuote.quote(file);
        String u = ShellQuote.quote(user);
        this.lookup = "awk -F: -v u=" + u + " '$1 == u { print $2 }' " + f;
        String backupName = backupSuffix == null
                ? f + "\"" + BACKUP_INFIX + "$(date +%Y%m%dT%H%M%S)\""
                : ShellQuote.quote(file + backupSuffix);
        this.backup = "b=" + backupName + "; [ -e \"$b\" ] || cp -p -- " + f + " \"$b\" || exit 1; printf '%s\\n' \"$b\"";
        this.rewrite = StdinVariable.readExported("QUENCH_HASH")
                + "f=" + f + "; [ \"$(stat -c %Y -- \"$f\")\" != \"$(date +%s)\" ] || sleep 1; "
                + "t=$(mktemp \"$f.quench-tmp.XXXXXX\") || exit 1; "
                + "cp -p -- \"$f\" \"$t\" && QUENCH_USER=" + u
                + " awk -F: -v OFS=: '$1 == ENVIRON[\"QUENCH_USER\"] { $2 = ENVIRON[\"QUENCH_HASH\"]; n++ } { print }"
                + " END { exit n == 1 ? 0 : 3 }' \"$f\" > \"$t\" && mv -f -- \"$t\" \"$f\" || { s=$?; rm -f -- \"$t\"; exit $s; }";
        this.flush = "doveadm auth cache flush " + u;
        this.authTest = "doveadm auth test " + u;
    }

    @Override
    public List<PlannedCommand> commands() {
        return List.of(
                new PlannedCommand(lookup, null),
                new PlannedCommand(hash, "new password, twice (masked)"),
                new PlannedCommand(backup, null),
                new PlannedCommand(rewrite, "the new hash"),
                new PlannedCommand(flush, null),
                new PlannedCommand(lookup, null),
                new PlannedCommand(authTest, MASKED));
    }

    @Override
    public Map<String, Object> execute(ModuleContext ctx) throws ModuleFailure, TransportException {
        String before = currentHash(ctx);
        ExecResult h = ctx.exec(hash, bytes(password + "\n" + password + "\n"), ctx.timeout());
        String newHash = h.stdout().strip();
        if (!h.ok() || !h.stderr().isBlank() || !SHA512_CRYPT.matcher(newHash).matches()) {
            throw new ModuleFailure(PasswordModule.NAME + ": doveadm pw did not produce a SHA512-CRYPT hash (exit "
                    + h.exitCode() + "): " + ctx.mask(h.stderr().strip()) + "; nothing was changed");
        }
        ExecResult b = ctx.exec(backup, null, ctx.timeout());
        String backupPath = b.stdout().strip();
        if (!b.ok() || backupPath.isEmpty()) {
            throw new ModuleFailure(PasswordModule.NAME + ": backup of the passwd-file failed (exit " + b.exitCode() + "): "
                    + b.stderr().strip() + "; nothing was changed");
        }
        ExecResult w = ctx.exec(rewrite, bytes(newHash + "\n"), ctx.timeout());
        if (!w.ok()) {
            throw new ModuleFailure(PasswordModule.NAME + ": rewriting the passwd-file failed (exit " + w.exitCode() + ")"
                    + (w.exitCode() == 3 ? ": " + user + " is not on exactly one line" : ": " + w.stderr().strip())
                    + "; the file is unchanged (backup " + backupPath + ")");
        }
        ExecResult fl = ctx.exec(flush, null, ctx.timeout());
        if (!fl.ok()) {
            throw new ModuleFailure(PasswordModule.NAME + ": password changed, but doveadm auth cache flush failed (exit "
                    + fl.exitCode() + "): " + fl.stderr().strip());
        }
        String after = currentHash(ctx);
        if (!after.equals(newHash) || after.equals(before)) {
            throw new ModuleFailure(PasswordModule.NAME + ": the passwd-file does not hold the new hash for " + user
                    + " after the rewrite (backup " + backupPath + ")");
        }
        ExecResult t = authTest(ctx);
        if (!t.ok()) {
            throw new ModuleFailure(PasswordModule.NAME + ": the file holds the new hash, but Dovecot does not accept the"
                    + " new password (doveadm auth test exit " + t.exitCode() + "): is this passwd-file the passdb Dovecot"
                    + " uses? (backup " + backupPath + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        out.put("platform", Platform.POSTFIX.id());
        out.put("changed", true);
        out.put("verified", true);
        out.put("backup", backupPath);
        return out;
    }

    /**
     * {@code doveadm auth test} with the new password. Dovecot re-reads a changed passwd-file at
     * most once per second, so a refusal within the second of the rewrite is retried after it.
     */
    private ExecResult authTest(ModuleContext ctx) throws TransportException, ModuleFailure {
        ExecResult t = ctx.exec(authTest, bytes(password + "\n"), ctx.timeout());
        for (int retry = 0; retry < 2 && t.exitCode() == AUTH_FAILED; retry++) {
            try {
                Thread.sleep(SYNC_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ModuleFailure(PasswordModule.NAME + ": interrupted while verifying the new password");
            }
            t = ctx.exec(authTest, bytes(password + "\n"), ctx.timeout());
        }
        return t;
    }

    /** The user's hash now; the user must be on exactly one line, or nothing is done. */
    private String currentHash(ModuleContext ctx) throws TransportException, ModuleFailure {
        ExecResult r = ctx.exec(lookup, null, ctx.timeout());
        if (!r.ok()) {
            throw new ModuleFailure(PasswordModule.NAME + ": cannot read the passwd-file (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        List<String> lines = r.stdout().lines().toList();
        if (lines.size() != 1) {
            throw new ModuleFailure(PasswordModule.NAME + ": refusing: " + user + (lines.isEmpty()
                    ? " is not in the passwd-file" : " is on " + lines.size() + " lines of the passwd-file")
                    + "; nothing was changed");
        }
        return lines.get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
