package org.quench.mail.contain;

import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

/**
 * A read-only command a step runs before deciding what to change (the current table, the
 * restriction lists). It shows in the run's command log, not in the plan; when it fails, nothing
 * has been changed yet, and the failure says so.
 */
final class HostRead {
    private HostRead() {
    }

    static String stdout(ModuleContext ctx, String module, String command, String what) throws TransportException, ModuleFailure {
        ExecResult r = ctx.exec(command, null, ctx.timeout());
        if (!r.ok()) {
            throw new ModuleFailure(module + ": cannot " + what + " (exit " + r.exitCode() + "): " + r.stderr().strip()
                    + "; nothing was changed");
        }
        return r.stdout();
    }
}
