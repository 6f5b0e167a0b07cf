package org.quench.transport;

import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSchAlgoNegoFailException;
import com.jcraft.jsch.JSchChangedHostKeyException;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.JSchRevokedHostKeyException;
import com.jcraft.jsch.JSchUnknownHostKeyException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Collectors;
import org.quench.transport.TransportException.Reason;

/**
 * Turns a failed JSch login into a message for the engineer: what happened, on which host, and what
 * to do next. JSch's own text ("Auth fail", "UnknownHostKey: …") is never shown alone.
 */
final class SshFailures {
    private SshFailures() {}

    static TransportException connectFailed(JSchException e, SshTarget t, CapturingHostKeyRepository keys, KeyRing ring,
                                            int connectTimeoutMs) {
        String where = t.label();
        if (e instanceof JSchRevokedHostKeyException) {
            ServerHostKey k = keys.presented();
            return new TransportException(Reason.HOST_KEY_CHANGED, where + ": the host key " + k + " is marked @revoked in "
                    + t.knownHosts() + ". Refusing to connect: this may be an attack (a stolen key used to impersonate the host).", e);
        }
        if (e instanceof JSchChangedHostKeyException || keys.result() == HostKeyRepository.CHANGED) {
            return changedKey(e, t, keys);
        }
        if (e instanceof JSchUnknownHostKeyException || keys.result() == HostKeyRepository.NOT_INCLUDED) {
            return unknownKey(e, t, keys);
        }
        Throwable cause = rootCause(e);
        if (cause instanceof ConnectException) {
            return new TransportException(Reason.CONNECT, where + ": connection refused — is sshd running and the port right?", e);
        }
        if (cause instanceof UnknownHostException) {
            return new TransportException(Reason.CONNECT, where + ": unknown host name '" + t.address()
                    + "' — check ansible_host in the inventory or HostName in ~/.ssh/config", e);
        }
        if (cause instanceof NoRouteToHostException) {
            return new TransportException(Reason.CONNECT, where + ": no route to host — is the address right and the host up?", e);
        }
        String msg = e.getMessage() == null ? "" : e.getMessage();
        if (cause instanceof SocketTimeoutException || msg.startsWith("timeout")) {
            return new TransportException(Reason.CONNECT, where + ": no answer within " + connectTimeoutMs / 1000.0
                    + " s (connect timeout) — host down, or a firewall dropping the packets?", e);
        }
        if (msg.startsWith("Auth fail") || msg.startsWith("Auth cancel") || msg.contains("USERAUTH fail")) {
            return authFailed(e, t, ring);
        }
        if (e instanceof JSchAlgoNegoFailException) {
            return new TransportException(Reason.OTHER, where + ": no SSH algorithm in common with the server ("
                    + msg + ") — a very old or restricted sshd?", e);
        }
        if (msg.contains("closed by foreign host") || msg.contains("Connection reset") || msg.contains("connection is closed")) {
            return new TransportException(Reason.CONNECT, where + ": the server closed the connection before login"
                    + " — sshd's MaxStartups, a TCP wrapper or a firewall refusing us? (" + msg + ")", e);
        }
        return new TransportException(Reason.OTHER, where + ": ssh connection failed: " + msg, e);
    }

    private static TransportException unknownKey(JSchException e, SshTarget t, CapturingHostKeyRepository keys) {
        ServerHostKey k = keys.presented();
        String presented = k == null ? "a key" : "an " + k.shortType() + " key with fingerprint " + k.fingerprint();
        String name = keys.checkedHost() != null ? keys.checkedHost() : t.knownHostsName();
        return new TransportException(Reason.HOST_KEY_UNKNOWN, t.label() + ": host key not trusted: the server presented "
                + presented + " and " + t.knownHosts() + " has no key for " + name + ".\n"
                + "Check that fingerprint on the host itself (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then trust it with:\n"
                + "  quench trust " + t.trustName() + (k == null ? "" : " --fingerprint " + k.fingerprint()), e);
    }

    private static TransportException changedKey(JSchException e, SshTarget t, CapturingHostKeyRepository keys) {
        ServerHostKey k = keys.presented();
        String name = keys.checkedHost() != null ? keys.checkedHost() : t.knownHostsName();
        List<ServerHostKey> old = KnownHostsStore.keysFor(keys.delegate(), name).stream()
                .filter(o -> k == null || o.type().equals(k.type())).toList();
        String oldText = old.isEmpty() ? "a different key"
                : old.stream().map(ServerHostKey::toString).collect(Collectors.joining(", "));
        return new TransportException(Reason.HOST_KEY_CHANGED, t.label() + ": HOST KEY CHANGED. " + t.knownHosts()
                + " has " + oldText + " for " + name + ", but the server presented " + (k == null ? "another key" : k.toString())
                + ".\nThis may be an attack (someone intercepting the connection), or the host was reinstalled. Nothing was run.\n"
                + "After checking the new fingerprint on the host itself, remove the old key with\n"
                + "  ssh-keygen -R '" + name + "' -f " + t.knownHosts() + "\n"
                + "and trust the new one with: quench trust " + t.trustName()
                + (k == null ? "" : " --fingerprint " + k.fingerprint()), e);
    }

    private static TransportException authFailed(JSchException e, SshTarget t, KeyRing ring) {
        List<String> offered = ring.describeOffered();
        StringBuilder msg = new StringBuilder(t.label()).append(": auth failed for ").append(t.user()).append('@')
                .append(t.address()).append(':').append(t.port());
        if (offered.isEmpty()) {
            msg.append(": no key to offer (set ansible_ssh_private_key_file, IdentityFile in ~/.ssh/config, or load a key into ssh-agent)");
        } else {
            msg.append(" (server accepted none of: ").append(String.join(", ", offered)).append(")")
                    .append(" — is the public key in ~").append(t.user()).append("/.ssh/authorized_keys on the host, and is the user right?");
        }
        for (String note : ring.notes()) msg.append("\n  note: ").append(note);
        return new TransportException(Reason.AUTH, msg.toString(), e);
    }

    static Throwable rootCause(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c;
    }
}
