package org.quench.transport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * How to make SSH connections, the same for every host of a run.
 *
 * @param knownHostsOverride   {@code --known-hosts FILE} or {@code $QUENCH_KNOWN_HOSTS}: wins over the
 *                             host var {@code known_hosts_file}; null when not given
 * @param defaultKnownHosts    used when neither the override nor the host var is set (~/.ssh/known_hosts)
 * @param connectTimeout       TCP connect plus key exchange and login
 * @param keepAliveInterval    ServerAliveInterval: a keep-alive after this much silence (zero: none)
 * @param keepAliveCountMax    unanswered keep-alives before the connection is declared dead
 * @param defaultIdentityFiles keys tried when neither the inventory nor ~/.ssh/config names one
 *                             (missing files are skipped)
 * @param sshConfig            an OpenSSH client config (HostName, Port, User, IdentityFile, ProxyJump,
 *                             HostKeyAlias are honoured; nothing else); null for none
 * @param agentSocket          ssh-agent socket ($SSH_AUTH_SOCK); null for no agent
 * @param localUser            login name when neither the inventory nor ~/.ssh/config gives one
 */
public record SshOptions(Path knownHostsOverride, Path defaultKnownHosts, Duration connectTimeout,
                         Duration keepAliveInterval, int keepAliveCountMax, List<Path> defaultIdentityFiles,
                         Path sshConfig, Path agentSocket, String localUser) {

    public SshOptions {
        defaultIdentityFiles = List.copyOf(defaultIdentityFiles);
    }

    /**
     * What an engineer's own {@code ssh} would use: ~/.ssh/config, ~/.ssh/known_hosts, ~/.ssh/id_*,
     * $SSH_AUTH_SOCK. The known-hosts override is {@code knownHostsFlag} if given, else
     * {@code $QUENCH_KNOWN_HOSTS}.
     */
    public static SshOptions fromEnvironment(Path knownHostsFlag) {
        Path home = Path.of(System.getProperty("user.home"));
        Path ssh = home.resolve(".ssh");
        Path override = knownHostsFlag;
        String env = System.getenv("QUENCH_KNOWN_HOSTS");
        if (override == null && env != null && !env.isBlank()) override = Path.of(env);
        String agent = System.getenv("SSH_AUTH_SOCK");
        Path config = ssh.resolve("config");
        return new SshOptions(override, ssh.resolve("known_hosts"), Duration.ofSeconds(10), Duration.ofSeconds(15), 3,
                Stream.of("id_ed25519", "id_ecdsa", "id_rsa").map(ssh::resolve).toList(),
                Files.isRegularFile(config) ? config : null,
                agent == null || agent.isBlank() ? null : Path.of(agent),
                System.getProperty("user.name"));
    }

    /** Nothing from the environment: no ssh config, no agent, no default keys. For tests and tools. */
    public static SshOptions isolated(Path knownHosts) {
        return new SshOptions(knownHosts, knownHosts, Duration.ofSeconds(10), Duration.ofSeconds(15), 3, List.of(),
                null, null, System.getProperty("user.name"));
    }

    public SshOptions withKnownHostsOverride(Path file) {
        return new SshOptions(file, defaultKnownHosts, connectTimeout, keepAliveInterval, keepAliveCountMax,
                defaultIdentityFiles, sshConfig, agentSocket, localUser);
    }

    public SshOptions withConnectTimeout(Duration timeout) {
        return new SshOptions(knownHostsOverride, defaultKnownHosts, timeout, keepAliveInterval, keepAliveCountMax,
                defaultIdentityFiles, sshConfig, agentSocket, localUser);
    }

    public SshOptions withKeepAlive(Duration interval, int countMax) {
        return new SshOptions(knownHostsOverride, defaultKnownHosts, connectTimeout, interval, countMax,
                defaultIdentityFiles, sshConfig, agentSocket, localUser);
    }

    public SshOptions withDefaultIdentityFiles(List<Path> files) {
        return new SshOptions(knownHostsOverride, defaultKnownHosts, connectTimeout, keepAliveInterval, keepAliveCountMax,
                files, sshConfig, agentSocket, localUser);
    }

    public SshOptions withSshConfig(Path file) {
        return new SshOptions(knownHostsOverride, defaultKnownHosts, connectTimeout, keepAliveInterval, keepAliveCountMax,
                defaultIdentityFiles, file, agentSocket, localUser);
    }

    public SshOptions withAgentSocket(Path socket) {
        return new SshOptions(knownHostsOverride, defaultKnownHosts, connectTimeout, keepAliveInterval, keepAliveCountMax,
                defaultIdentityFiles, sshConfig, socket, localUser);
    }
}
