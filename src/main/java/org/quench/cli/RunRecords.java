package org.quench.cli;

import org.quench.expr.ShellQuote;
import org.quench.history.HistoryConfig;
import org.quench.history.Origin;
import org.quench.history.RetentionPolicy;
import org.quench.history.RunHistory;
import org.quench.history.RunMeta;
import org.quench.history.RunRecord;
import org.quench.inventory.Host;
import org.quench.runbook.Runbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Starting a run record for any command that touches hosts: prune old records per the retention
 * settings, create the directory, write meta.json (who, when, from where, what, against which
 * hosts). Values of parameters whose names look secret are masked before anything is written.
 */
final class RunRecords {
    /** Parameter names whose values never reach a record: passwords, tokens, keys. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass|secret|token|key|credential).*");
    static final String MASK = "********";

    private RunRecords() {
    }

    /** A new run id ($QUENCH_RUN_ID when set, e.g. by the scheduler); a malformed one is a usage error. */
    static String newId() {
        try {
            return RunRecord.newId();
        } catch (IllegalArgumentException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    static RetentionPolicy retention() {
        try {
            return HistoryConfig.load(configFile());
        } catch (HistoryConfig.ConfigException e) {
            throw UserError.usage("invalid configuration:\n" + e.getMessage());
        }
    }

    static Path configFile() {
        return Locations.home().resolve("config.yml");
    }

    /** Prunes, creates the record and writes its meta.json with status running. */
    static Started start(String runId, List<String> args, Runbook runbook, InventoryOptions inv, List<Host> hosts,
                         boolean dryRun, Map<String, Object> params) throws IOException {
        return start(runId, args, runbook.name(), runbook.source(), inv, hosts, dryRun, params);
    }

    /** For commands that touch hosts without a runbook (e.g. inventory --check): {@code what} names the run. */
    static Started start(String runId, List<String> args, String what, Path runbookFile, InventoryOptions inv, List<Host> hosts,
                         Boolean dryRun, Map<String, Object> params) throws IOException {
        RetentionPolicy policy = retention();
        Path home = Locations.home();
        new RunHistory(home).prune(policy.makingRoomForOne(), Instant.now(), runId);
        RunRecord record;
        try {
            record = RunRecord.create(home, runId);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw UserError.usage("run record " + runId + " already exists in " + home.resolve("runs")
                    + " (is $QUENCH_RUN_ID set to an id already used?)");
        }
        Map<String, String> env = System.getenv();
        Map<String, String> shownParams = new LinkedHashMap<>();
        params.forEach((k, v) -> shownParams.put(k, SECRET_NAME.matcher(k).matches() ? MASK : String.valueOf(v)));
        RunMeta meta = new RunMeta(runId, commandLine(args), Origin.user(), Origin.realUser(env),
                Origin.describe(env), Path.of("").toAbsolutePath().toString(), Instant.now().toString(), null,
                what, runbookFile == null ? null : runbookFile.toAbsolutePath().toString(),
                sha256(runbookFile), Locations.inventory(inv.inventory).toAbsolutePath().toString(), inv.limit, inv.shard,
                hosts.stream().map(Host::name).toList(), dryRun, shownParams, blankToNull(env.get("QUENCH_SCHEDULE")),
                RunMeta.RUNNING, null);
        record.writeMeta(meta);
        return new Started(record, meta);
    }

    record Started(RunRecord record, RunMeta meta) {
        void finish(String status, int exitCode) throws IOException {
            record.writeMeta(meta.finished(Instant.now().toString(), status, exitCode));
        }

        /**
         * Killed by a signal (Ctrl-C, the scheduler cancelling it), finally blocks do not run but a
         * shutdown hook does: until {@link #finish(String, int, Thread)}, the record then says
         * interrupted rather than running forever.
         */
        Thread markInterruptedOnSignal() {
            Thread hook = new Thread(() -> {
                try {
                    finish("interrupted", 130);
                } catch (IOException ignored) {
                    // the process is going away; nothing else to do
                }
            });
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        }

        /** Ends the record and the signal watch of {@link #markInterruptedOnSignal()}. */
        void finish(String status, int exitCode, Thread signalHook) throws IOException {
            try {
                Runtime.getRuntime().removeShutdownHook(signalHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and will write the record
            }
            finish(status, exitCode);
        }
    }

    /** The command as one line a person can paste into a shell: words quoted where needed, secrets masked. */
    static String commandLine(List<String> args) {
        StringBuilder b = new StringBuilder("quench");
        for (String a : maskArgs(args)) {
            b.append(' ').append(a.matches("[A-Za-z0-9_@%+=:,./-]+") ? a : ShellQuote.quote(a.replace("\0", "")));
        }
        return b.toString();
    }

    /** {@code -e password=x} / {@code --extra-vars=token=x}: the value is replaced by the mask. */
    static List<String> maskArgs(List<String> args) {
        List<String> out = new ArrayList<>();
        for (String a : args) {
            int eq = a.lastIndexOf('=');
            String prefix = a.startsWith("--extra-vars=") ? "--extra-vars=" : "";
            String kv = a.substring(prefix.length());
            int keyEnd = kv.indexOf('=');
            if (keyEnd > 0 && eq > 0 && SECRET_NAME.matcher(kv.substring(0, keyEnd)).matches()) {
                out.add(prefix + kv.substring(0, keyEnd) + "=" + MASK);
            } else {
                out.add(a);
            }
        }
        return out;
    }

    private static String sha256(Path file) {
        if (file == null || !Files.isRegularFile(file)) return null;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
