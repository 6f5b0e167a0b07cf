package org.quench.transport;

import com.jcraft.jsch.AgentIdentityRepository;
import com.jcraft.jsch.AgentProxyException;
import com.jcraft.jsch.Identity;
import com.jcraft.jsch.IdentityRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.SSHAgentConnector;
import com.jcraft.jsch.UnixDomainSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Vector;

/**
 * The keys offered to one host, in order: key files (the inventory's first), then the ssh-agent's.
 * Never adds to or removes from the agent. Remembers what it offered so an authentication failure
 * can name the keys.
 */
final class KeyRing implements IdentityRepository {
    private final List<Identity> fileKeys = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final IdentityRepository agent;

    private KeyRing(IdentityRepository agent) {
        this.agent = agent;
    }

    static KeyRing load(SshTarget target, Path agentSocket) throws TransportException {
        if (target.explicitKey() != null && !Files.isReadable(target.explicitKey())) {
            throw new TransportException(TransportException.Reason.AUTH, target.label() + ": key file "
                    + target.explicitKey() + " (ansible_ssh_private_key_file) does not exist or is not readable");
        }
        IdentityRepository agent = null;
        if (agentSocket != null) {
            try {
                agent = new AgentIdentityRepository(new SSHAgentConnector(new UnixDomainSocketFactory(), agentSocket));
            } catch (AgentProxyException | RuntimeException e) {
                agent = null; // an unusable agent socket must not stop key-file logins
            }
        }
        KeyRing ring = new KeyRing(agent);
        for (Path file : target.identityFiles()) {
            if (!Files.isReadable(file)) continue;
            try {
                JSch parser = new JSch();
                parser.addIdentity(file.toString());
                for (Identity id : parser.getIdentityRepository().getIdentities()) {
                    if (id.isEncrypted()) {
                        ring.notes.add(file + " is passphrase-protected: load it into ssh-agent (ssh-add " + file + ")");
                    } else {
                        ring.fileKeys.add(id);
                    }
                }
            } catch (JSchException e) {
                ring.notes.add(file + " cannot be read as a private key (" + e.getMessage() + ")");
            }
        }
        return ring;
    }

    /** "file (ED25519 SHA256:…)" for each key offered, agent keys included. */
    List<String> describeOffered() {
        List<String> out = new ArrayList<>();
        for (Identity id : getIdentities()) {
            String fp;
            try {
                fp = ServerHostKey.fromBlob(id.getPublicKeyBlob()).toString();
            } catch (RuntimeException e) {
                fp = id.getAlgName();
            }
            boolean fromAgent = !fileKeys.contains(id);
            out.add((fromAgent ? "agent key " : "") + id.getName() + " (" + fp + ")");
        }
        return out;
    }

    List<String> notes() {
        return notes;
    }

    @Override
    public Vector<Identity> getIdentities() {
        Vector<Identity> all = new Vector<>(fileKeys);
        if (agent != null) {
            try {
                all.addAll(agent.getIdentities());
            } catch (RuntimeException unreachable) {
                // agent gone: key files still count
            }
        }
        return all;
    }

    @Override
    public String getName() {
        return "quench keys";
    }

    @Override
    public int getStatus() {
        return RUNNING;
    }

    @Override
    public boolean add(byte[] identity) {
        return false;
    }

    @Override
    public boolean remove(byte[] blob) {
        return false;
    }

    @Override
    public void removeAll() {}
}
