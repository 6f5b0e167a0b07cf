package org.quench.transport;

import com.jcraft.jsch.ConfigRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.quench.inventory.Host;

/**
 * Where and as whom to log in, once the inventory, ~/.ssh/config and the options are combined.
 * Precedence for each fact: inventory var, then ~/.ssh/config, then the default.
 *
 * @param label         how messages name it: {@code name (address:port)} or just {@code address:port}
 * @param trustName     the name for {@code quench trust NAME}
 * @param identityFiles keys in the order tried (explicit ones; the defaults only when none is named)
 * @param explicitKey   the inventory's ansible_ssh_private_key_file, which must exist
 * @param jumps         jump hosts, outermost first
 */
record SshTarget(String label, String trustName, String address, int port, String user, List<Path> identityFiles,
                 Path explicitKey, List<SshTarget> jumps, Path knownHosts, String hostKeyAlias) {

    static SshTarget resolve(Host host, SshOptions options) throws TransportException {
        String lookup = host.address();
        ConfigRepository.Config cfg = SshConfigFiles.lookup(options.sshConfig(), lookup);
        String address = host.vars().containsKey("ansible_host") || cfg.getHostname() == null ? lookup : cfg.getHostname();
        int port = host.port() != null ? host.port() : cfg.getPort() > 0 ? cfg.getPort() : 22;
        String user = host.user() != null ? host.user() : cfg.getUser() != null ? cfg.getUser() : options.localUser();

        Path explicitKey = host.privateKeyFile() == null ? null : expandHome(host.privateKeyFile());
        List<Path> keys = new ArrayList<>();
        if (explicitKey != null) keys.add(explicitKey);
        String[] cfgKeys = cfg.getValues("IdentityFile");
        if (cfgKeys != null) for (String k : cfgKeys) keys.add(expandHome(k));
        if (keys.isEmpty()) keys.addAll(options.defaultIdentityFiles());

        Path knownHosts = options.knownHostsOverride() != null ? options.knownHostsOverride()
                : host.var("known_hosts_file") != null ? expandHome(host.var("known_hosts_file"))
                : options.defaultKnownHosts();

        String jumpSpec = host.var("ansible_ssh_jump") != null ? host.var("ansible_ssh_jump")
                : host.var("jump_host") != null ? host.var("jump_host") : cfg.getValue("ProxyJump");
        List<SshTarget> jumps = new ArrayList<>();
        if (jumpSpec != null && !jumpSpec.isBlank() && !jumpSpec.equalsIgnoreCase("none")) {
            for (String hop : jumpSpec.split(",")) jumps.add(jump(hop.trim(), options, knownHosts, keys));
        }
        String label = host.name().equals(address) ? address + ":" + port : host.name() + " (" + address + ":" + port + ")";
        return new SshTarget(label, host.name(), address, port, user, List.copyOf(keys), explicitKey, List.copyOf(jumps),
                knownHosts, cfg.getValue("HostKeyAlias"));
    }

    /** One hop of {@code [user@]host[:port]}, completed from ~/.ssh/config like ssh's ProxyJump. */
    private static SshTarget jump(String hop, SshOptions options, Path knownHosts, List<Path> targetKeys)
            throws TransportException {
        String user = null;
        int at = hop.lastIndexOf('@');
        if (at >= 0) {
            user = hop.substring(0, at);
            hop = hop.substring(at + 1);
        }
        Integer port = null;
        int colon = hop.lastIndexOf(':');
        if (colon > 0 && hop.indexOf(':') == colon) {
            try {
                port = Integer.parseInt(hop.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new TransportException(TransportException.Reason.OTHER, "jump host '" + hop + "': bad port");
            }
            hop = hop.substring(0, colon);
        }
        ConfigRepository.Config cfg = SshConfigFiles.lookup(options.sshConfig(), hop);
        String address = cfg.getHostname() != null ? cfg.getHostname() : hop;
        int p = port != null ? port : cfg.getPort() > 0 ? cfg.getPort() : 22;
        String u = user != null ? user : cfg.getUser() != null ? cfg.getUser() : options.localUser();
        List<Path> keys = new ArrayList<>();
        String[] cfgKeys = cfg.getValues("IdentityFile");
        if (cfgKeys != null) for (String k : cfgKeys) keys.add(expandHome(k));
        keys.addAll(targetKeys); // like ssh with one agent: the jump usually accepts the same key
        return new SshTarget("jump host " + address + ":" + p, hop, address, p, u, List.copyOf(keys), null, List.of(),
                knownHosts, cfg.getValue("HostKeyAlias"));
    }

    /** The name JSch looks up in known_hosts. */
    String knownHostsName() {
        return hostKeyAlias != null ? hostKeyAlias : KnownHostsStore.hostPattern(address, port);
    }

    static Path expandHome(String path) {
        if (path.equals("~")) return Path.of(System.getProperty("user.home"));
        if (path.startsWith("~/")) return Path.of(System.getProperty("user.home"), path.substring(2));
        return Path.of(path);
    }
}
