package org.quench.mail.contain;

import org.quench.engine.ModuleCall.PlannedCommand;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.transport.TransportException;

import java.util.List;
import java.util.Map;

/**
 * One platform's way of setting an account's password. {@link #commands()} is the exact plan
 * (every command, in order, with its stdin described and the password masked); the password
 * reaches the host only on stdin.
 */
interface PasswordReset {
    String MASKED = "new password (masked)";

    List<PlannedCommand> commands();

    /** Sets the password and checks what can be checked; returns the step's result. */
    Map<String, Object> execute(ModuleContext ctx) throws ModuleFailure, TransportException;
}
