package org.quench.schedule;

import org.quench.runbook.DurationParser;
import org.quench.runbook.Problem;
import org.quench.runbook.SourcePos;
import org.quench.runbook.YamlNode;
import org.quench.runbook.YamlReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a schedules file. Every mistake is reported with its file:line:col, all at
 * once, before the daemon starts: a schedule that would only fail at 03:00 must fail now.
 * <pre>
 * stop_grace: 60s                  # on SIGTERM, let a run in progress finish this long
 * schedules:
 *   - name: audit-relays
 *     cron: "*&#47;15 * * * *"          # 5 fields (Unix) or 6 (seconds first)
 *     run: audit trusted-relays -l all
 *     jitter: 30s
 *     timeout: 10m
 *   - name: nightly-blacklisted
 *     cron: "0 3 * * *"
 *     runbook: blacklisted         # always a dry run
 *     limit: "mx*"
 *     extra_vars: {since: 24h}
 * </pre>
 * Scheduled runs never change anything: a {@code runbook:} entry always runs with
 * {@code --dry-run}, and a {@code run:} line that would execute actions ({@code --yes}) is
 * refused. Remediation needs a person (or Jenkins' input step) to approve it.
 */
public final class ScheduleLoader {
    private static final Set<String> COMMON = Set.of("name", "cron", "jitter", "timeout");
    private static final Set<String> RUNBOOK_KEYS = Set.of("runbook", "dry_run", "inventory", "limit", "shard", "extra_vars");

    /** Checks a quench command line with the real CLI: null when it is valid, else why not. */
    public interface CommandCheck {
        String problem(List<String> args);
    }

    private final String file;
    private final CommandCheck check;
    private final List<Problem> problems = new ArrayList<>();

    private ScheduleLoader(String file, CommandCheck check) {
        this.file = file;
        this.check = check;
    }

    public static ScheduleConfig load(Path path, CommandCheck check) throws ScheduleException {
        String text;
        try {
            text = Files.readString(path);
        } catch (IOException e) {
            throw new ScheduleException(List.of(new Problem(new SourcePos(path.toString(), 1, 1), "cannot read: " + e.getMessage())));
        }
        return new ScheduleLoader(path.toString(), check).parse(text);
    }

    private ScheduleConfig parse(String text) throws ScheduleException {
        YamlNode root = text.isBlank() ? null : new YamlReader(file, text, problems).read();
        if (root == null) {
            if (problems.isEmpty()) problems.add(new Problem(new SourcePos(file, 1, 1), "the file is empty: expected `schedules:` with a list of entries"));
            throw new ScheduleException(problems);
        }
        if (!(root instanceof YamlNode.Mapping top)) {
            throw new ScheduleException(List.of(new Problem(root.pos(), "expected a mapping with `schedules:`")));
        }
        Duration grace = ScheduleConfig.DEFAULT_STOP_GRACE;
        List<ScheduleEntry> entries = new ArrayList<>();
        for (YamlNode.Entry e : top.asMap().values()) {
            switch (e.key()) {
                case "stop_grace" -> {
                    Duration d = duration(e.value(), "stop_grace", true);
                    if (d != null) grace = d;
                }
                case "schedules" -> entries(e.value(), entries);
                default -> problems.add(new Problem(e.keyPos(), "unknown setting '" + e.key() + "' (known: schedules, stop_grace)"));
            }
        }
        if (!top.has("schedules")) problems.add(new Problem(top.pos(), "missing `schedules:` (a list of entries with name, cron and run or runbook)"));
        if (!problems.isEmpty()) throw new ScheduleException(problems);
        return new ScheduleConfig(List.copyOf(entries), grace);
    }

    private void entries(YamlNode node, List<ScheduleEntry> out) {
        if (!(node instanceof YamlNode.Sequence seq) || seq.items().isEmpty()) {
            problems.add(new Problem(node.pos(), "schedules: expected a non-empty list of entries"));
            return;
        }
        Set<String> names = new HashSet<>();
        for (YamlNode item : seq.items()) {
            if (!(item instanceof YamlNode.Mapping m)) {
                problems.add(new Problem(item.pos(), "a schedule entry must be a mapping (name, cron, run or runbook)"));
                continue;
            }
            ScheduleEntry entry = entry(m);
            if (entry == null) continue;
            if (!names.add(entry.name())) problems.add(new Problem(m.asMap().get("name").keyPos(), "duplicate schedule name '" + entry.name() + "'"));
            out.add(entry);
        }
    }

    private ScheduleEntry entry(YamlNode.Mapping m) {
        int before = problems.size();
        for (YamlNode.Entry e : m.asMap().values()) {
            if (!COMMON.contains(e.key()) && !RUNBOOK_KEYS.contains(e.key()) && !e.key().equals("run")) {
                problems.add(new Problem(e.keyPos(), "unknown schedule setting '" + e.key()
                        + "' (known: name, cron, run, runbook, dry_run, inventory, limit, shard, extra_vars, jitter, timeout)"));
            }
        }
        String name = text(m, "name", true);
        if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            problems.add(new Problem(m.get("name").pos(), "name: letters, digits, . _ - only (it names the schedule's log file)"));
        }
        String cronText = text(m, "cron", true);
        CronSpec cron = null;
        if (cronText != null) {
            try {
                cron = CronSpec.parse(cronText);
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(m.get("cron").pos(), "cron: " + ex.getMessage()));
            }
        }
        Duration jitter = m.has("jitter") ? duration(m.get("jitter"), "jitter", false) : Duration.ZERO;
        Duration timeout = m.has("timeout") ? duration(m.get("timeout"), "timeout", true) : null;
        List<String> args = command(m);
        if (problems.size() > before) return null;
        return new ScheduleEntry(name, cron, args, jitter == null ? Duration.ZERO : jitter, timeout, m.pos());
    }

    /** The quench arguments of a `run:` line or a `runbook:` entry, checked with the real CLI. */
    private List<String> command(YamlNode.Mapping m) {
        boolean hasRun = m.has("run");
        boolean hasRunbook = m.has("runbook");
        if (hasRun == hasRunbook) {
            problems.add(new Problem(m.pos(), hasRun ? "give either `run:` or `runbook:`, not both"
                    : "missing `run:` (a quench command line) or `runbook:` (a runbook run as a dry run)"));
            return null;
        }
        List<String> args = new ArrayList<>();
        SourcePos where;
        if (hasRun) {
            for (String k : RUNBOOK_KEYS) {
                if (m.has(k) && !k.equals("runbook")) {
                    problems.add(new Problem(m.asMap().get(k).keyPos(), "`" + k + "` goes with `runbook:`; with `run:` put it on the command line"));
                }
            }
            String line = text(m, "run", true);
            if (line == null) return null;
            where = m.get("run").pos();
            try {
                args.addAll(CommandWords.split(line));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(where, "run: " + ex.getMessage()));
                return null;
            }
            if (!args.isEmpty() && args.get(0).equals("quench")) args.remove(0);
            if (args.isEmpty()) {
                problems.add(new Problem(where, "run: empty command line (e.g. run: audit trusted-relays -l all)"));
                return null;
            }
        } else {
            String runbook = text(m, "runbook", true);
            if (runbook == null) return null;
            where = m.get("runbook").pos();
            if (m.has("dry_run")) {
                YamlNode d = m.get("dry_run");
                if (!(d instanceof YamlNode.Scalar s && "bool".equals(s.kind()))) {
                    problems.add(new Problem(d.pos(), "dry_run: expected true"));
                } else if (!Boolean.parseBoolean(s.text().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add(new Problem(d.pos(), "dry_run: false is refused: scheduled runs never change anything "
                            + "(remediation needs a person's approval; run it by hand or from a pipeline with an approval step)"));
                }
            }
            args.addAll(List.of("run", runbook, "--dry-run"));
            String inv = text(m, "inventory", false);
            if (inv != null) args.addAll(List.of("-i", inv));
            String limit = text(m, "limit", false);
            if (limit != null) args.addAll(List.of("-l", limit));
            String shard = text(m, "shard", false);
            if (shard != null) args.addAll(List.of("--shard", shard));
            if (m.has("extra_vars")) {
                if (m.get("extra_vars") instanceof YamlNode.Mapping vars) {
                    for (Map.Entry<String, YamlNode.Entry> v : vars.asMap().entrySet()) {
                        if (v.getValue().value() instanceof YamlNode.Scalar s && !s.isNull()) {
                            args.addAll(List.of("-e", v.getKey() + "=" + s.text()));
                        } else {
                            problems.add(new Problem(v.getValue().value().pos(), "extra_vars." + v.getKey() + ": expected a single value"));
                        }
                    }
                } else {
                    problems.add(new Problem(m.get("extra_vars").pos(), "extra_vars: expected a mapping of parameter: value"));
                }
            }
        }
        if (args.get(0).equals("schedule")) {
            problems.add(new Problem(where, "run: a schedule cannot start another scheduler"));
            return null;
        }
        String problem = check.problem(args);
        if (problem != null) problems.add(new Problem(where, problem));
        return args;
    }

    private String text(YamlNode.Mapping m, String key, boolean required) {
        YamlNode v = m.get(key);
        if (v == null) {
            if (required) problems.add(new Problem(m.pos(), "missing `" + key + ":`"));
            return null;
        }
        if (!(v instanceof YamlNode.Scalar s) || s.isNull() || s.text().isBlank()) {
            problems.add(new Problem(v.pos(), key + ": expected text"));
            return null;
        }
        return s.text();
    }

    private Duration duration(YamlNode v, String key, boolean positive) {
        if (!(v instanceof YamlNode.Scalar s) || s.isNull()) {
            problems.add(new Problem(v.pos(), key + ": expected a duration (e.g. 30s, 10m)"));
            return null;
        }
        try {
            Duration d = DurationParser.parse(s.text());
            if (positive && d.isZero()) throw new IllegalArgumentException("must be more than 0");
            return d;
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(v.pos(), key + ": " + e.getMessage()));
            return null;
        }
    }

    /** Mistakes in a schedules file, each with its file:line:col. */
    public static final class ScheduleException extends Exception {
        private final List<Problem> problems;

        public ScheduleException(List<Problem> problems) {
            super(String.join("\n", problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
