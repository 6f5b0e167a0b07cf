package org.quench.transport;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.quench.inventory.Host;
import org.quench.transport.TransportException.Reason;

/**
 * Runs commands on one host over one authenticated SSH connection, opened once and reused: each
 * command is a new exec channel on the same session (the handshake is the expensive part).
 *
 * <p>A connection found dead <em>between</em> commands is re-opened once before the next command;
 * a connection that dies <em>during</em> a command is reported as {@link Reason#CONNECTION_LOST}
 * and the command is never re-run (it may have changed something).
 *
 * <p>On timeout the command's process group gets TERM (an SSH "signal" request, delivered by sshd
 * with killpg for non-root users); when sshd refuses it (root logins, forced commands), a second
 * command on the same connection kills it (see {@link #killOtherCommandsOfThisConnection()}).
 * Only if both fail does the message say the command may still be running.
 */
public final class SshTransport implements Transport {
    private static final long SIGNAL_GRACE_MS = 1000;

    private final SshTarget target;
    private final SshOptions options;
    private SshConnector.Connected connection;

    private SshTransport(SshTarget target, SshOptions options, SshConnector.Connected connection) {
        this.target = target;
        this.options = options;
        this.connection = connection;
    }

    /** Connects and authenticates now, so unreachable hosts and key problems surface before any step. */
    public static SshTransport connect(Host host, SshOptions options) throws TransportException {
        SshTarget target = SshTarget.resolve(host, options);
        return new SshTransport(target, options, SshConnector.connect(target, options));
    }

    @Override
    public ExecResult exec(String command, byte[] stdin, Duration timeout, OutputStream stdout) throws TransportException {
        long started = System.nanoTime();
        ChannelExec channel = openChannel();
        ByteArrayOutputStream collected = stdout == null ? new ByteArrayOutputStream() : null;
        FailureRecordingStream out = new FailureRecordingStream(stdout != null ? stdout : collected);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        channel.setCommand(command.getBytes(StandardCharsets.UTF_8));
        // Always a stream, even empty: JSch then sends EOF, so `cat` and friends do not wait for input.
        channel.setInputStream(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
        channel.setOutputStream(out, true);
        channel.setErrStream(err, true);
        try {
            channel.connect((int) options.connectTimeout().toMillis());
        } catch (JSchException e) {
            if (channel.getExitStatus() != -1) {
                // A command that finishes before JSch has started its stdin thread makes connect()
                // fail (the CLOSE handler clears the thread field JSch is setting up: a JSch race
                // seen on loaded machines). The server has already reported the exit status and the
                // output has arrived, so the command ran to completion: report it, never re-run it.
                return finishedEarly(channel, started, collected, out, err);
            }
            channel.disconnect();
            if (!connection.session().isConnected()) {
                throw lost(command, "while starting it", e);
            }
            throw new TransportException(Reason.OTHER, target.label() + ": the server refused to start the command ("
                    + e.getMessage() + ") — sshd MaxSessions reached?", e);
        }
        try {
            boolean finished = waitForClose(channel, started + timeout.toNanos());
            if (!finished && Thread.interrupted()) {
                // Stop the command with the flag cleared (our waits sleep), then restore it for the caller.
                stopTimedOut(channel, command, timeout);
                Thread.currentThread().interrupt();
                throw new TransportException(Reason.OTHER, target.label() + ": interrupted; '" + abbreviate(command)
                        + "' was stopped");
            }
            if (!finished) throw stopTimedOut(channel, command, timeout);
            int status = channel.getExitStatus();
            if (status == -1 && !sessionStaysUp()) throw lost(command, "while it ran", null);
            if (out.failure != null) {
                throw new TransportException(Reason.OTHER, target.label() + ": writing the output of '" + abbreviate(command)
                        + "' failed locally: " + out.failure.getMessage(), out.failure);
            }
            long ms = (System.nanoTime() - started) / 1_000_000;
            // status -1 with the connection up: the command died from a signal (JSch drops "exit-signal").
            return new ExecResult(status,
                    collected == null ? "" : collected.toString(StandardCharsets.UTF_8),
                    err.toString(StandardCharsets.UTF_8), ms);
        } finally {
            channel.disconnect();
        }
    }

    private ExecResult finishedEarly(ChannelExec channel, long started, ByteArrayOutputStream collected,
            FailureRecordingStream out, ByteArrayOutputStream err) throws TransportException {
        channel.disconnect();
        if (out.failure != null) {
            throw new TransportException(Reason.OTHER, target.label() + ": writing command output failed locally: "
                    + out.failure.getMessage(), out.failure);
        }
        return new ExecResult(channel.getExitStatus(),
                collected == null ? "" : collected.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8), (System.nanoTime() - started) / 1_000_000);
    }

    private ChannelExec openChannel() throws TransportException {
        if (!connection.session().isConnected()) reconnect();
        try {
            return (ChannelExec) connection.session().openChannel("exec");
        } catch (JSchException e) {
            // The session died since the last check; nothing has run yet, so one fresh connection is safe.
            reconnect();
            try {
                return (ChannelExec) connection.session().openChannel("exec");
            } catch (JSchException again) {
                throw new TransportException(Reason.CONNECTION_LOST, target.label()
                        + ": cannot open a channel on a fresh connection: " + again.getMessage(), again);
            }
        }
    }

    private void reconnect() throws TransportException {
        connection.close();
        connection = SshConnector.connect(target, options);
    }

    /** Waits for the channel to close; polls (JSch has no completion callback), briefly at first. */
    private boolean waitForClose(ChannelExec channel, long deadline) {
        long sleepMs = 1;
        while (!channel.isClosed()) {
            if (!connection.session().isConnected()) return true;
            if (Thread.currentThread().isInterrupted()) return false; // the run is being cancelled
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            sleep(Math.min(sleepMs, Math.max(1, left / 1_000_000)));
            sleepMs = Math.min(sleepMs * 2, 20);
        }
        return true;
    }

    /**
     * JSch closes the channels before it marks the session down, so a channel closed without an
     * exit status may mean either; wait a moment for the session to tell.
     */
    private boolean sessionStaysUp() {
        for (int i = 0; i < 20; i++) {
            if (!connection.session().isConnected()) return false;
            sleep(10);
        }
        return connection.session().isConnected();
    }

    private TransportException stopTimedOut(ChannelExec channel, String command, Duration timeout) {
        boolean stopped = false;
        try {
            channel.sendSignal("TERM");
            stopped = waitClosed(channel, SIGNAL_GRACE_MS);
        } catch (Exception refused) {
            // fall through to the sibling kill
        }
        if (!stopped) {
            killOtherCommandsOfThisConnection();
            stopped = waitClosed(channel, SIGNAL_GRACE_MS);
        }
        channel.disconnect();
        String fate = stopped ? "it was stopped on the host"
                : "it could not be stopped and may still be running on the host";
        return new TransportException(Reason.TIMEOUT, target.label() + ": '" + abbreviate(command) + "' did not finish within "
                + human(timeout) + "; " + fate);
    }

    /**
     * sshd ignores "signal" requests for root logins (no privilege separation after auth) and for
     * forced commands, the common case for quench. So a second command on the same connection
     * kills the process groups of its sibling children of the sshd session process: with one
     * command at a time per connection, that is exactly the timed-out one (sshd makes each
     * command a process-group leader).
     */
    private void killOtherCommandsOfThisConnection() {
        ChannelExec killer = null;
        try {
            killer = (ChannelExec) connection.session().openChannel("exec");
            killer.setCommand(KILL_SIBLINGS);
            killer.setInputStream(new ByteArrayInputStream(new byte[0]));
            killer.setOutputStream(OutputStream.nullOutputStream(), true);
            killer.setErrStream(OutputStream.nullOutputStream(), true);
            killer.connect((int) options.connectTimeout().toMillis());
            waitClosed(killer, 5000);
        } catch (JSchException e) {
            // connection unusable: the caller reports the command as possibly still running
        } finally {
            if (killer != null) killer.disconnect();
        }
    }

    private static final String KILL_SIBLINGS = "for p in $(pgrep -P \"$PPID\"); do [ \"$p\" = \"$$\" ] || "
            + "kill -KILL \"-$p\" 2>/dev/null || kill -KILL \"$p\" 2>/dev/null; done; true";
    // No "--" before the negative pid: dash's kill rejects it, and the login shell may be dash.

    private static boolean waitClosed(ChannelExec channel, long ms) {
        long until = System.nanoTime() + ms * 1_000_000;
        while (!channel.isClosed() && System.nanoTime() < until) sleep(10);
        return channel.isClosed();
    }

    private TransportException lost(String command, String when, Exception cause) {
        return new TransportException(Reason.CONNECTION_LOST, target.label() + ": connection lost " + when + ": '"
                + abbreviate(command) + "' — its outcome is unknown (it may have run partly or completely);"
                + " check the host before running it again", cause);
    }

    @Override
    public String describe() {
        String via = target.jumps().isEmpty() ? "" : " via " + String.join(" → ",
                target.jumps().stream().map(j -> j.address() + ":" + j.port()).toList());
        return "ssh " + target.user() + "@" + target.address() + ":" + target.port() + via;
    }

    /** Whether the underlying connection is up (for tests and the engine's summary). */
    public boolean isConnected() {
        return connection.session().isConnected();
    }

    /** The server's host key as checked at login. */
    public ServerHostKey hostKey() {
        Session s = connection.session();
        return ServerHostKey.fromBase64(s.getHostKey().getKey());
    }

    @Override
    public void close() {
        connection.close();
    }

    static String abbreviate(String command) {
        String one = command.replace('\n', ' ');
        return one.length() <= 80 ? one : one.substring(0, 77) + "...";
    }

    static String human(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Keeps the first local write failure: JSch would swallow it and just close the channel. */
    private static final class FailureRecordingStream extends OutputStream {
        private final OutputStream target;
        volatile IOException failure;

        FailureRecordingStream(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                if (failure == null) failure = e;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
