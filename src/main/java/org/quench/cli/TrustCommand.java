package org.quench.cli;

import org.quench.inventory.Host;
import org.quench.transport.HostKeyTrust;
import org.quench.transport.SshOptions;
import org.quench.transport.TransportException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "trust", mixinStandardHelpOptions = true,
        description = {"Record the host keys of the selected hosts in known_hosts, after you check them.",
                "Shows each key's SHA256 fingerprint. It is recorded only when it matches --fingerprint,",
                "when you confirm it on a terminal, or with --yes (trust on first use: only on networks you control)."})
public final class TrustCommand implements Callable<Integer> {

    @Mixin InventoryOptions inventoryOptions;
    @Mixin ConnectionOptions connectionOptions;

    @Option(names = "--fingerprint", paramLabel = "SHA256:...", description = "The fingerprint you obtained out of band (e.g. ssh-keygen -lf on the server's console).")
    String fingerprint;

    @Option(names = {"-y", "--yes"}, description = "Record whatever key the host presents (trust on first use).")
    boolean yes;

    @Override
    public Integer call() throws IOException {
        if (fingerprint != null && yes) throw UserError.usage("--fingerprint and --yes contradict each other: choose one");
        Workbench bench = new Workbench();
        List<Host> hosts = bench.selectHosts(inventoryOptions);
        SshOptions options = bench.sshOptions(connectionOptions);
        Console console = System.console();
        int failed = 0;
        for (Host host : hosts) {
            if (host.isLocal()) {
                System.out.println(host.name() + ": local connection, no host key");
                continue;
            }
            HostKeyTrust.Fetched fetched;
            Path file;
            try {
                fetched = HostKeyTrust.fetch(host, options);
                file = HostKeyTrust.knownHostsFileFor(host, options);
            } catch (TransportException e) {
                System.out.println(host.name() + ": " + e.getMessage());
                failed++;
                continue;
            }
            String fp = fetched.key().fingerprint();
            System.out.println(host.name() + " (" + fetched.knownHostsName() + ") presents " + fetched.key().type() + " " + fp);
            boolean accepted;
            if (fingerprint != null) {
                accepted = fetched.key().matches(fingerprint);
                if (!accepted) System.out.println("  does NOT match " + fingerprint + ": not trusted");
            } else if (yes) {
                accepted = true;
            } else if (console != null) {
                String answer = console.readLine("  Does this match the fingerprint on the server (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub)? Type 'yes' to trust it: ");
                accepted = answer != null && answer.strip().equalsIgnoreCase("yes");
            } else {
                System.out.println("  not trusted: check it on the server, then run: quench trust -l " + host.name() + " --fingerprint " + fp);
                accepted = false;
            }
            if (!accepted) {
                failed++;
                continue;
            }
            try {
                boolean added = HostKeyTrust.add(file, fetched.address(), fetched.port(), fetched.key());
                System.out.println("  " + (added ? "recorded in " : "already in ") + file);
            } catch (TransportException e) {
                System.out.println("  " + e.getMessage());
                failed++;
            }
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.EXECUTION;
    }
}
