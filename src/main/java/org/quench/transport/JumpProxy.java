package org.quench.transport;

import com.jcraft.jsch.Channel;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Proxy;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SocketFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * Carries the target's SSH connection inside a direct-tcpip channel of an already authenticated
 * jump-host session (what OpenSSH's ProxyJump does). Host-key checking of the target is unchanged:
 * JSch still checks the key the target presents, end to end.
 */
final class JumpProxy implements Proxy {
    private final Session jump;
    private final int timeoutMs;
    private Channel channel;
    private InputStream in;
    private OutputStream out;

    JumpProxy(Session jump, int timeoutMs) {
        this.jump = jump;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public void connect(SocketFactory ignored, String host, int port, int timeout) throws JSchException {
        channel = jump.getStreamForwarder(host, port);
        try {
            in = channel.getInputStream();
            out = channel.getOutputStream();
        } catch (java.io.IOException e) {
            throw new JSchException("cannot open a channel through the jump host: " + e.getMessage(), e);
        }
        channel.connect(timeout > 0 ? timeout : timeoutMs);
    }

    @Override
    public InputStream getInputStream() {
        return in;
    }

    @Override
    public OutputStream getOutputStream() {
        return out;
    }

    @Override
    public Socket getSocket() {
        return null;
    }

    @Override
    public void close() {
        if (channel != null) channel.disconnect();
    }
}
