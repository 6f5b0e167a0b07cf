package org.quench.history;

import org.quench.engine.RunJournal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Writes what the engine journals into the run record: {@code commands.log} (one line per command:
 * when, host, exit code, duration, the masked command with newlines escaped) and
 * {@code evidence/HOST/NAME}.
 */
public final class RunRecordJournal implements RunJournal {
    private final RunRecord record;

    public RunRecordJournal(RunRecord record) {
        this.record = record;
    }

    @Override
    public synchronized void commandRan(String host, String command, Integer exitCode, long durationMs) {
        String line = Instant.now() + "\t" + host + "\t" + (exitCode == null ? "-" : exitCode) + "\t" + durationMs + "ms\t"
                + command.replace("\\", "\\\\").replace("\n", "\\n") + "\n";
        try {
            Files.writeString(record.dir().resolve("commands.log"), line, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run record's command log", e);
        }
    }

    @Override
    public synchronized void evidence(String host, String name, String content) {
        try {
            Path dir = Files.createDirectories(record.dir().resolve("evidence").resolve(safe(host)));
            Files.writeString(dir.resolve(safe(name)), content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence " + name + " for " + host, e);
        }
    }

    /** Host and evidence names come from the inventory and modules: keep them one path segment. */
    private static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._@-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }
}
