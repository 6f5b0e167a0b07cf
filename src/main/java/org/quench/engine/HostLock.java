package org.quench.engine;

import org.quench.expr.ShellQuote;
import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.time.Duration;
import java.time.Instant;

/**
 * Refuses a second changing run on a host that is being changed. The lock lives on the host
 * itself (an atomic {@code mkdir}), so two engineers on two machines are kept apart too.
 */
final class HostLock {
    static final String DEFAULT_DIR = "/var/tmp/quench.lock";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final int HELD = 75;

    private final Transport transport;
    private final String dir;
    private final String runId;

    HostLock(Transport transport, String dir, String runId) {
        this.transport = transport;
        this.dir = dir == null || dir.isBlank() ? DEFAULT_DIR : dir;
        this.runId = runId;
    }

    String dir() {
        return dir;
    }

    /** @return null when acquired, else why not (with what to do about it) */
    String acquire(String who) throws TransportException {
        String d = ShellQuote.quote(dir);
        String owner = ShellQuote.quote(runId + " " + who + " " + Instant.now());
        ExecResult r = transport.exec("mkdir -- " + d + " 2>/dev/null && printf '%s\\n' " + owner + " > " + d
                + "/owner || { cat -- " + d + "/owner 2>/dev/null; exit " + HELD + "; }", null, TIMEOUT);
        if (r.exitCode() == 0) return null;
        String holder = r.stdout().strip();
        if (r.exitCode() == HELD) {
            return "another changing run holds the host lock " + dir
                    + (holder.isEmpty() ? "" : " (run " + holder + ")")
                    + "; wait for it to finish, or if no run is active remove " + dir + " on the host";
        }
        return "could not take the host lock " + dir + " (exit " + r.exitCode() + "): " + r.stderr().strip();
    }

    void release() throws TransportException {
        String d = ShellQuote.quote(dir);
        transport.exec("[ \"$(head -n 1 -- " + d + "/owner 2>/dev/null | cut -d ' ' -f 1)\" = "
                + ShellQuote.quote(runId) + " ] && rm -rf -- " + d, null, TIMEOUT);
    }
}
