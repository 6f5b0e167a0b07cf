package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.expr.ShellQuote;
import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code account.logout}: ends a compromised account's open sessions, per platform
 * (reference §0 "logout_sessions"):
 * <ul>
 * <li>postfix (Dovecot) and plesk: {@code doveadm kick USER}; the connections are counted with
 * {@code doveadm who -1} before and after, and any left fail the step. (Plesk with Courier-IMAP
 * instead of Dovecot is not covered.)</li>
 * <li>bluemind: {@code bm-cli user logout USER} on 4.x, {@code bm-cli user logout --email USER} on
 * 5.x — {@code bluemind_version} decides, and its absence is refused rather than guessed.
 * bm-cli reports no count: {@code kicked} is -1 (unknown).</li>
 * <li>zimbra: there is no documented "log out" command. Setting the password ({@code zmprov sp})
 * already bumps {@code zimbraAuthTokenValidityValue}, which invalidates every web/SOAP auth token;
 * this step flushes the cached account ({@code zmprov fc account USER}) so the change is seen at
 * once. Whether open IMAP/POP connections drop is UNVERIFIED: lock the account
 * ({@code zimbraAccountStatus locked}) if in doubt. {@code kicked} is -1.</li>
 * </ul>
 * Returns {@code {kicked}} and, where the count is unknown, {@code note}.
 */
public final class LogoutModule implements StepModule {
    static final String NAME = "account.logout";
    static final String ZMPROV = "/opt/zimbra/bin/zmprov";

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.ACTION, Set.of("user", "platform", "bluemind_version"), Set.of("user"),
                "log out every session of an account (doveadm kick / bm-cli user logout / zmprov)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        String user = AccountName.check(NAME, a.required("user"));
        Platform platform = Platform.of(NAME, a.text("platform"), host);
        String command = switch (platform) {
            case POSTFIX, PLESK -> DovecotSessions.kickCommand(user);
            case BLUEMIND -> BlueMindVersion.major(NAME, a.text("bluemind_version") != null ? a.text("bluemind_version")
                    : host.var("bluemind_version")) >= 5
                    ? "bm-cli user logout --email " + ShellQuote.quote(user)
                    : "bm-cli user logout " + ShellQuote.quote(user);
            case ZIMBRA -> zimbra(ZMPROV + " fc account " + ShellQuote.quote(user));
        };
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(command, null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                return switch (platform) {
                    case POSTFIX, PLESK -> kickDovecot(ctx, user, command);
                    case BLUEMIND -> runUncounted(ctx, command, "bm-cli reports no session count");
                    case ZIMBRA -> runUncounted(ctx, command, "Zimbra has no logout command: the password change"
                            + " (zmprov sp) invalidates web/SOAP auth tokens; open IMAP/POP connections are not"
                            + " known to drop (UNVERIFIED) — lock the account if in doubt");
                };
            }
        };
    }

    /** {@code su - zimbra -c 'COMMAND'}: Zimbra's tools run as the zimbra user, with its environment. */
    static String zimbra(String command) {
        return "su - zimbra -c " + ShellQuote.quote(command);
    }

    private static Map<String, Object> kickDovecot(ModuleContext ctx, String user, String kick)
            throws TransportException, ModuleFailure {
        int before = DovecotSessions.list(ctx, user).size();
        ExecResult r = ctx.exec(kick, null, ctx.timeout());
        // doveadm kick exits 68 (EX_NOUSER) with "no users kicked" when there was nothing to do
        if (!r.ok() && r.exitCode() != 68) {
            throw new ModuleFailure(NAME + ": doveadm kick failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        List<DovecotSessions.Connection> left = DovecotSessions.list(ctx, user);
        if (!left.isEmpty()) {
            throw new ModuleFailure(NAME + ": " + left.size() + " connection(s) of " + user + " still open after doveadm kick"
                    + " (from " + left.stream().map(DovecotSessions.Connection::ip).distinct().toList() + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kicked", before);
        return out;
    }

    private static Map<String, Object> runUncounted(ModuleContext ctx, String command, String note)
            throws TransportException, ModuleFailure {
        ExecResult r = ctx.exec(command, null, ctx.timeout());
        if (!r.ok()) {
            throw new ModuleFailure(NAME + ": '" + command + "' failed (exit " + r.exitCode() + "): "
                    + ctx.mask((r.stderr().isBlank() ? r.stdout() : r.stderr()).strip()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kicked", -1);
        out.put("note", note);
        return out;
    }
}
