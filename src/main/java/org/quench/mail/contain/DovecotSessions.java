package org.quench.mail.contain;

import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.expr.ShellQuote;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.List;

/**
 * A user's live Dovecot connections, from {@code doveadm who -1 USER}: a header line, then one line
 * per connection, {@code username proto pid ip}. Used on plain Postfix + Dovecot and on Plesk
 * (whose IMAP/POP is usually Dovecot).
 */
final class DovecotSessions {
    record Connection(String user, String protocol, String pid, String ip) {
    }

    private DovecotSessions() {
    }

    static String whoCommand(String user) {
        return "doveadm who -1 " + ShellQuote.quote(user);
    }

    static String kickCommand(String user) {
        return "doveadm kick " + ShellQuote.quote(user);
    }

    static List<Connection> list(ModuleContext ctx, String user) throws TransportException, ModuleFailure {
        ExecResult r = ctx.exec(whoCommand(user), null, ctx.timeout());
        if (!r.ok()) {
            throw new ModuleFailure("doveadm who failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        return parse(r.stdout(), user);
    }

    static List<Connection> parse(String output, String user) {
        List<Connection> out = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\s+");
            // the mask matched already; comparing again keeps a header or odd line out
            if (f.length >= 4 && f[0].equals(user)) out.add(new Connection(f[0], f[1], f[2], f[3]));
        }
        return out;
    }
}
