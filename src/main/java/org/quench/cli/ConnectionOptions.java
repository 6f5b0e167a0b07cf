package org.quench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** --forks / --known-hosts / timeouts, shared by every command that touches hosts. */
public final class ConnectionOptions {
    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "10",
            description = "Hosts worked on at once. Default: ${DEFAULT-VALUE}.")
    int forks;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file to verify host keys against (default: $QUENCH_KNOWN_HOSTS, the host var known_hosts_file, ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "SSH connect timeout. Default: ${DEFAULT-VALUE}.")
    String connectTimeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "Per-command timeout for steps that set none. Default: ${DEFAULT-VALUE}.")
    String commandTimeout;

    int forks() {
        if (forks < 1) throw UserError.usage("--forks must be at least 1");
        return forks;
    }
}
