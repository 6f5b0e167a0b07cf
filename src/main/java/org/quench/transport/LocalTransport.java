package org.quench.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.quench.transport.TransportException.Reason;

/**
 * {@code ansible_connection: local}: runs {@code /bin/sh -c command} on this machine, with the same
 * stdin, streaming and timeout behaviour as {@link SshTransport}. On timeout the whole process
 * tree is killed (by PID, descendants found through {@link ProcessHandle}).
 */
public final class LocalTransport implements Transport {
    private static final long KILL_WAIT_MS = 2000;

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException {
        long started = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("/bin/sh", "-c", command).start();
        } catch (IOException e) {
            throw new TransportException(Reason.OTHER, "local: cannot start /bin/sh: " + e.getMessage(), e);
        }
        ByteArrayOutputStream collected = stdout == null ? new ByteArrayOutputStream() : null;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Pump out = new Pump(p.getInputStream(), stdout != null ? stdout : collected, "stdout");
        Pump errPump = new Pump(p.getErrorStream(), err, "stderr");
        Thread in = new Thread(() -> feed(p, stdin), "local-stdin");
        in.setDaemon(true);
        in.start();
        out.start();
        errPump.start();
        try {
            long deadline = started + timeout.toNanos();
            boolean exited = p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            // A background child may keep stdout open after the shell exits: the timeout still bounds us.
            if (exited) exited = out.finish(deadline) && errPump.finish(deadline);
            if (!exited) {
                killTree(p);
                throw new TransportException(Reason.TIMEOUT, "local: '" + SshTransport.abbreviate(command)
                        + "' did not finish within " + SshTransport.human(timeout) + "; it and its child processes were killed");
            }
        } catch (InterruptedException e) {
            killTree(p);
            Thread.currentThread().interrupt();
            throw new TransportException(Reason.OTHER, "local: interrupted; '" + SshTransport.abbreviate(command) + "' was killed", e);
        }
        if (out.failure != null) {
            throw new TransportException(Reason.OTHER, "local: writing the output of '" + SshTransport.abbreviate(command)
                    + "' failed: " + out.failure.getMessage(), out.failure);
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        return new ExecResult(p.exitValue(), collected == null ? "" : collected.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), ms);
    }

    private static void feed(Process p, byte[] stdin) {
        try (OutputStream os = p.getOutputStream()) {
            if (stdin != null) os.write(stdin);
        } catch (IOException ignored) {
            // the command exited without reading all its input, as `head` does: not an error
        }
    }

    /** Kills the shell and every process below it; the list is taken first, as children of a dead shell move to init. */
    private static void killTree(Process p) {
        List<ProcessHandle> tree = p.descendants().toList();
        p.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try {
            p.waitFor(KILL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "local";
    }

    @Override
    public void close() {}

    /** Copies one of the process's output streams as it arrives. */
    private static final class Pump extends Thread {
        private final InputStream from;
        private final OutputStream to;
        volatile IOException failure;

        Pump(InputStream from, OutputStream to, String name) {
            super("local-" + name);
            setDaemon(true);
            this.from = from;
            this.to = to;
        }

        @Override
        public void run() {
            byte[] buf = new byte[65536];
            try (from) {
                int n;
                while ((n = from.read(buf)) > 0) {
                    try {
                        to.write(buf, 0, n);
                    } catch (IOException e) {
                        failure = e; // keep draining so the process is not blocked on a full pipe
                    }
                }
            } catch (IOException closed) {
                // stream closed when the process was killed
            }
        }

        boolean finish(long deadline) throws InterruptedException {
            long left = deadline - System.nanoTime();
            if (left > 0) join(Math.max(1, left / 1_000_000));
            return !isAlive();
        }
    }
}
