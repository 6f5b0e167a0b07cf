package org.quench.history;

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
import java.util.List;

/**
 * The {@code history:} block of {@code $QUENCH_HOME/config.yml}:
 * <pre>
 * history:
 *   max_count: 500   # keep the newest 500 run records
 *   max_age: 90d     # and none older than 90 days
 * </pre>
 * A missing file or block keeps every record. Mistakes are errors with file:line:col, never
 * ignored: a typo in a retention setting must not silently keep (or delete) records.
 */
public final class HistoryConfig {
    private HistoryConfig() {
    }

    public static RetentionPolicy load(Path file) throws ConfigException {
        if (!Files.isRegularFile(file)) return RetentionPolicy.KEEP_ALL;
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(List.of(new Problem(new SourcePos(file.toString(), 1, 1), "cannot read: " + e.getMessage())));
        }
        if (text.isBlank()) return RetentionPolicy.KEEP_ALL;
        List<Problem> problems = new ArrayList<>();
        YamlNode root = new YamlReader(file.toString(), text, problems).read();
        if (root == null) throw new ConfigException(problems);
        if (!(root instanceof YamlNode.Mapping top)) {
            throw new ConfigException(List.of(new Problem(root.pos(), "expected a mapping (e.g. history: {max_count: 500})")));
        }
        YamlNode history = top.get("history");
        if (history == null || history instanceof YamlNode.Scalar s && s.isNull()) return RetentionPolicy.KEEP_ALL;
        if (!(history instanceof YamlNode.Mapping h)) {
            throw new ConfigException(List.of(new Problem(history.pos(), "history: expected a mapping with max_count and/or max_age")));
        }
        Integer count = null;
        Duration age = null;
        for (YamlNode.Entry e : h.asMap().values()) {
            switch (e.key()) {
                case "max_count" -> {
                    Integer n = e.value() instanceof YamlNode.Scalar s && "int".equals(s.kind()) ? positiveInt(s.text()) : null;
                    if (n != null) {
                        count = n;
                    } else {
                        problems.add(new Problem(e.value().pos(), "max_count: expected a whole number of at least 1"));
                    }
                }
                case "max_age" -> {
                    try {
                        if (!(e.value() instanceof YamlNode.Scalar s) || s.isNull()) throw new IllegalArgumentException("expected a duration");
                        age = DurationParser.parse(s.text());
                        if (age.isZero() || age.isNegative()) throw new IllegalArgumentException("must be positive");
                    } catch (IllegalArgumentException ex) {
                        problems.add(new Problem(e.value().pos(), "max_age: " + ex.getMessage() + " (e.g. 90d, 12h)"));
                    }
                }
                default -> problems.add(new Problem(e.keyPos(), "history: unknown setting '" + e.key() + "' (known: max_count, max_age)"));
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return new RetentionPolicy(count, age);
    }

    private static Integer positiveInt(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 1 ? n : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Configuration mistakes, each with its file:line:col. */
    public static final class ConfigException extends Exception {
        private final List<Problem> problems;

        public ConfigException(List<Problem> problems) {
            super(String.join("\n", problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }
}
