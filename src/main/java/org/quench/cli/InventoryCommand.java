package org.quench.cli;

import org.quench.inventory.Host;
import org.quench.report.Style;
import org.quench.transport.ExecResult;
import org.quench.transport.Transport;
import org.quench.transport.TransportException;
import org.quench.engine.TransportOpener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

@Command(name = "inventory", mixinStandardHelpOptions = true,
        description = {"Show the selected hosts and how quench will reach them.",
                "--check connects to each (verifying its host key) and runs `true`; exit 3 if any fails."})
public final class InventoryCommand implements Callable<Integer> {

    @Mixin InventoryOptions inventoryOptions;
    @Mixin ConnectionOptions connectionOptions;

    @Option(names = "--check", description = "Connect to every selected host and run `true`.")
    boolean check;

    @Option(names = "--vars", description = "Also print every host variable.")
    boolean showVars;

    @Override
    public Integer call() throws Exception {
        Workbench bench = new Workbench();
        List<Host> hosts = bench.selectHosts(inventoryOptions);
        Style style = Style.detect();
        int width = hosts.stream().mapToInt(h -> h.name().length()).max().orElse(4);
        if (!check) {
            for (Host h : hosts) {
                System.out.printf("%-" + width + "s  %s  platform=%s  groups=%s%n", h.name(), target(h),
                        h.var("platform") == null ? "-" : h.var("platform"), String.join(",", h.groups()));
                if (showVars) h.vars().forEach((k, v) -> System.out.println("    " + k + ": " + v));
            }
            System.out.println(hosts.size() + " host(s)");
            return ExitCodes.OK;
        }
        TransportOpener transports = bench.transports(connectionOptions);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(connectionOptions.forks(), hosts.size())));
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Host h : hosts) results.add(pool.submit(() -> probe(transports, h)));
            int failed = 0;
            for (int i = 0; i < hosts.size(); i++) {
                String problem = results.get(i).get();
                if (problem == null) {
                    System.out.printf("%-" + width + "s  %s  %s%n", hosts.get(i).name(), style.green("ok"), target(hosts.get(i)));
                } else {
                    failed++;
                    System.out.printf("%-" + width + "s  %s  %s%n", hosts.get(i).name(), style.red("failed"), problem);
                }
            }
            System.out.println((hosts.size() - failed) + " of " + hosts.size() + " host(s) reachable with a verified host key");
            return failed == 0 ? ExitCodes.OK : ExitCodes.EXECUTION;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String probe(TransportOpener transports, Host h) {
        try (Transport t = transports.open(h)) {
            ExecResult r = t.exec("true", null, Duration.ofSeconds(30));
            return r.exitCode() == 0 ? null : "`true` exited " + r.exitCode() + ": " + r.stderr().strip();
        } catch (TransportException e) {
            return e.getMessage();
        }
    }

    private static String target(Host h) {
        if (h.isLocal()) return "local";
        return (h.user() == null ? "" : h.user() + "@") + h.address() + (h.port() == null ? "" : ":" + h.port());
    }
}
