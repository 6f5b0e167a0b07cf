package org.quench.engine;

import org.quench.expr.ExpressionEngine;
import org.quench.inventory.Host;
import org.quench.report.HostReport;
import org.quench.report.RunReport;
import org.quench.runbook.Runbook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one runbook on many hosts, {@code forks} at a time. Hosts are independent: one that fails,
 * or even throws, never stops the others, and the report lists every host in inventory order.
 */
public final class Engine {
    private final ExpressionEngine expr;
    private final RunbookResolver resolver;
    private final SubRunbookParamBinder subParams;
    private final TransportOpener opener;
    private final ProgressListener listener;
    private final SecretVault vault;
    private final ModuleRegistry modules;
    private final RunJournal journal;

    public Engine(ExpressionEngine expr, RunbookResolver resolver, SubRunbookParamBinder subParams,
                  TransportOpener opener, ProgressListener listener, SecretVault vault, ModuleRegistry modules,
                  RunJournal journal) {
        this.modules = modules;
        this.journal = journal;
        this.expr = expr;
        this.resolver = resolver;
        this.subParams = subParams;
        this.opener = opener;
        this.listener = listener;
        this.vault = vault;
    }

    /** Binds a sub-runbook's parameters from the values a step passes in {@code with:}. */
    @FunctionalInterface
    public interface SubRunbookParamBinder {
        Map<String, Object> bind(Runbook runbook, Map<String, Object> given) throws Exception;
    }

    public RunReport run(Runbook runbook, Map<String, Object> params, List<Host> hosts, RunOptions options) {
        Instant started = Instant.now();
        String who = System.getProperty("user.name", "?") + "@" + localHostName();
        ActionGate gate = new ActionGate(options);
        int threads = Math.max(1, Math.min(options.forks(), hosts.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, new NamedThreads());
        List<Future<HostReport>> futures = new ArrayList<>();
        try {
            for (Host host : hosts) {
                futures.add(pool.submit(() -> {
                    // Per host: the sequence keeps per-host state (sub-runbook depth).
                    StepRunner steps = new StepRunner(expr, vault, gate, options, modules);
                    StageSequence seq = new StageSequence(steps, expr, vault, resolver, subParams, listener, options);
                    return new HostRun(host, runbook, params, seq, opener, options, listener, who, journal, vault).run();
                }));
            }
            List<HostReport> reports = new ArrayList<>();
            for (int i = 0; i < hosts.size(); i++) {
                reports.add(collect(hosts.get(i), futures.get(i)));
            }
            boolean plan = options.mode() == RunMode.PLAN;
            return new RunReport(options.runId(), runbook.name(), plan, started, Instant.now(),
                    runStatus(reports, plan), reports);
        } finally {
            pool.shutdownNow();
        }
    }

    private HostReport collect(Host host, Future<HostReport> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            // A bug on one host must not hide the others' results.
            HostReport r = new HostReport(host.name(), HostReport.FAILED, Map.of(), List.of(),
                    host.name() + ": internal error: " + e.getCause());
            listener.hostFinished(r);
            return r;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new HostReport(host.name(), HostReport.FAILED, Map.of(), List.of(), host.name() + ": interrupted");
        }
    }

    static String runStatus(List<HostReport> hosts, boolean plan) {
        if (hosts.stream().anyMatch(h -> HostReport.FAILED.equals(h.status()))) return "failed";
        if (hosts.stream().anyMatch(h -> HostReport.UNSTABLE.equals(h.status()))) return "unstable";
        for (HostReport h : hosts) {
            if (h.status().startsWith(HostReport.PENDING_PREFIX)) return h.status();
        }
        if (plan && hosts.stream().anyMatch(h -> Findings.anyDetected(h.findings()))) return "findings";
        if (hosts.stream().anyMatch(h -> HostReport.CHANGED.equals(h.status()))) return "changed";
        if (hosts.stream().anyMatch(h -> HostReport.PLANNED.equals(h.status()))) return "planned";
        return "ok";
    }

    private static String localHostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) return h;
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static final class NamedThreads implements java.util.concurrent.ThreadFactory {
        private final AtomicInteger n = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "quench-host-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
