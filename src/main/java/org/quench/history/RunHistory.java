package org.quench.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run records under {@code $QUENCH_HOME/runs}: listing (newest first), filtering by host and
 * runbook, and pruning by a {@link RetentionPolicy}. A record without meta.json (written by an
 * older quench, or by a run that died before writing it) is described from its report.json.
 */
public final class RunHistory {
    public static final String META = "meta.json";
    public static final String REPORT = "report.json";
    public static final String CONSOLE = "console.log";
    public static final String COMMANDS = "commands.log";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path runs;

    public RunHistory(Path home) {
        this.runs = home.resolve("runs");
    }

    /** One record: its directory and what is known about it. */
    public record Entry(String id, Path dir, RunMeta meta) {
        public Instant started() {
            try {
                return meta.startedAt() == null ? Instant.EPOCH : Instant.parse(meta.startedAt());
            } catch (DateTimeParseException e) {
                return Instant.EPOCH;
            }
        }
    }

    /** Every record, newest first. */
    public List<Entry> list() {
        if (!Files.isDirectory(runs)) return List.of();
        List<Entry> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(runs)) {
            dirs.filter(Files::isDirectory).forEach(d -> all.add(read(d)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs, e);
        }
        all.sort(Comparator.comparing(Entry::started).thenComparing(Entry::id).reversed());
        return all;
    }

    /** Newest first, keeping runs that touched a host matching {@code hostGlob} and of a runbook matching {@code runbookGlob}. */
    public List<Entry> list(String hostGlob, String runbookGlob) {
        Pattern host = hostGlob == null ? null : glob(hostGlob);
        Pattern runbook = runbookGlob == null ? null : glob(runbookGlob);
        return list().stream()
                .filter(e -> host == null || e.meta().hosts() != null && e.meta().hosts().stream().anyMatch(h -> host.matcher(h).matches()))
                .filter(e -> runbook == null || e.meta().runbook() != null && runbook.matcher(e.meta().runbook()).matches())
                .toList();
    }

    public Optional<Entry> find(String id) {
        // An id is one path segment: never let `quench history ../../etc` read outside the runs directory.
        if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) return Optional.empty();
        Path d = runs.resolve(id);
        return Files.isDirectory(d) ? Optional.of(read(d)) : Optional.empty();
    }

    /**
     * Deletes the records the policy no longer keeps (older than maxAge, or beyond the newest
     * maxCount) and returns their ids. {@code protectedId} (the run about to start) is never deleted.
     */
    public List<String> prune(RetentionPolicy policy, Instant now, String protectedId) {
        if (policy.keepsAll()) return List.of();
        List<String> deleted = new ArrayList<>();
        int kept = 0;
        for (Entry e : list()) {
            if (e.id().equals(protectedId)) continue;
            boolean tooOld = policy.maxAge() != null && e.started().isBefore(now.minus(policy.maxAge()));
            boolean tooMany = policy.maxCount() != null && kept >= policy.maxCount();
            if (tooOld || tooMany) {
                deleteTree(e.dir());
                deleted.add(e.id());
            } else {
                kept++;
            }
        }
        return deleted;
    }

    private Entry read(Path dir) {
        String id = dir.getFileName().toString();
        Path meta = dir.resolve(META);
        try {
            if (Files.isRegularFile(meta)) return new Entry(id, dir, MAPPER.readValue(meta.toFile(), RunMeta.class));
            Path report = dir.resolve(REPORT);
            if (Files.isRegularFile(report)) return new Entry(id, dir, fromReport(id, MAPPER.readTree(report.toFile())));
        } catch (IOException e) {
            // A damaged file must not hide the other runs: list it as unreadable.
            return new Entry(id, dir, bare(id, "unreadable"));
        }
        return new Entry(id, dir, bare(id, "incomplete"));
    }

    private static RunMeta fromReport(String id, JsonNode r) {
        List<String> hosts = new ArrayList<>();
        r.path("hosts").forEach(h -> hosts.add(h.path("host").asText()));
        return new RunMeta(id, null, null, null, null, null, text(r, "startedAt"), text(r, "finishedAt"),
                text(r, "runbook"), null, null, null, null, null, hosts, r.path("dryRun").asBoolean(), null, null,
                text(r, "status"), null);
    }

    private static RunMeta bare(String id, String status) {
        String started = null;
        // The generated id starts with its UTC start time: better than nothing for sorting and age.
        if (id.matches("\\d{8}-\\d{6}-.*")) {
            started = id.substring(0, 4) + "-" + id.substring(4, 6) + "-" + id.substring(6, 8) + "T"
                    + id.substring(9, 11) + ":" + id.substring(11, 13) + ":" + id.substring(13, 15) + "Z";
        }
        return new RunMeta(id, null, null, null, null, null, started, null, null, null, null, null, null, null,
                List.of(), null, null, null, status, null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Shell-style glob: * any run of characters, ? one; everything else literal. */
    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete run record " + dir, e);
        }
    }

    public static Duration age(Entry e, Instant now) {
        return Duration.between(e.started(), now);
    }
}
