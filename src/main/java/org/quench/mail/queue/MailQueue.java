package org.quench.mail.queue;

import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Postfix queue of one host, listed with {@code postqueue -j} where the host's Postfix has it
 * (≥ 3.1, probed once with {@code postconf -h mail_version}) and {@code postqueue -p} otherwise.
 * A listing is a snapshot: Postfix does not list atomically, and messages come and go meanwhile.
 */
public final class MailQueue {
    private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

    private final Transport transport;
    private final Duration timeout;
    private final ZoneId hostZone;
    private final QueueRunState state;

    /** @param hostZone the host's time zone: {@code postqueue -p} prints local arrival times */
    public MailQueue(Transport transport, Duration timeout, ZoneId hostZone) {
        this(transport, timeout, hostZone, new QueueRunState());
    }

    /** @param state what earlier steps of the run learnt about this host's queue (the Postfix version probe) */
    public MailQueue(Transport transport, Duration timeout, ZoneId hostZone, QueueRunState state) {
        this.transport = transport;
        this.timeout = timeout;
        this.hostZone = hostZone;
        this.state = state;
    }

    public List<QueuedMessage> list() throws TransportException {
        Boolean json = state.json();
        if (json == null) {
            json = supportsJson();
            state.json(json);
        }
        String command = json ? "postqueue -j" : "postqueue -p";
        ExecResult r = transport.exec(command, null, timeout);
        if (!r.ok()) {
            throw new QueueOutputException(command + " failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        return json ? new PostqueueJsonParser().parse(r.stdout())
                : new PostqueueTextParser(Clock.system(hostZone)).parse(r.stdout());
    }

    private boolean supportsJson() throws TransportException {
        ExecResult r = transport.exec("postconf -h mail_version", null, timeout);
        Matcher m = VERSION.matcher(r.stdout().strip());
        if (!r.ok() || !m.find()) {
            throw new QueueOutputException("cannot tell the Postfix version: postconf -h mail_version said '"
                    + (r.stdout() + r.stderr()).strip() + "'");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 3 || (major == 3 && minor >= 1);
    }
}
