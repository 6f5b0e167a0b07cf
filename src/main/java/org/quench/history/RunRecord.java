package org.quench.history;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The directory every run gets under {@code $QUENCH_HOME/runs/ID}: the console log as printed,
 * the JSON report, and a meta file (who, when, from where, what). Readable by its owner only:
 * evidence can hold other people's mail headers.
 */
public final class RunRecord {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private final String id;
    private final Path dir;

    private RunRecord(String id, Path dir) {
        this.id = id;
        this.dir = dir;
    }

    /**
     * A new run id, or the one {@code quench schedule} chose for its child process
     * ({@code $QUENCH_RUN_ID}), so the scheduler can log the id before the run starts.
     */
    public static String newId() {
        String given = System.getenv("QUENCH_RUN_ID");
        if (given != null && !given.isBlank()) {
            if (!given.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
                throw new IllegalArgumentException("$QUENCH_RUN_ID must be letters, digits, . _ - (got '" + given + "')");
            }
            return given;
        }
        return generateId();
    }

    public static String generateId() {
        byte[] b = new byte[3];
        new SecureRandom().nextBytes(b);
        return ID_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-" + String.format("%02x%02x%02x", b[0], b[1], b[2]);
    }

    public static RunRecord create(Path home, String id) throws IOException {
        Path runs = Files.createDirectories(home.resolve("runs"));
        Path dir = runs.resolve(id);
        // Never two runs in one record (a reused $QUENCH_RUN_ID): creating fails if it exists.
        Files.createDirectory(dir);
        restrict(home);
        restrict(dir);
        return new RunRecord(id, dir);
    }

    public String id() {
        return id;
    }

    public Path dir() {
        return dir;
    }

    /** A stream that writes to {@code console} and appends the same text to console.log. */
    public PrintStream tee(PrintStream console) throws IOException {
        OutputStream file = Files.newOutputStream(dir.resolve("console.log"));
        return new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                console.write(b);
                file.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                console.write(b, off, len);
                file.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                console.flush();
                file.flush();
            }

            @Override
            public void close() throws IOException {
                flush();
                file.close();
            }
        }, true, StandardCharsets.UTF_8);
    }

    public void writeMeta(RunMeta meta) throws IOException {
        Path tmp = dir.resolve(".meta.json.tmp");
        Files.writeString(tmp, RunHistory.MAPPER.writeValueAsString(meta) + "\n");
        // Replace atomically: `quench history` may read it while the run is going.
        Files.move(tmp, dir.resolve(RunHistory.META), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static void restrict(Path p) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: a filesystem without POSIX permissions keeps its own rules
        }
    }
}
