package org.quench.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged quench jar as a real process, the way an engineer or Jenkins does, with its
 * own QUENCH_HOME, and captures what it prints and its exit code.
 */
final class Quench {
    final Path home;
    private final Map<String, String> env = new HashMap<>();

    Quench(Path home) {
        this.home = home;
        env.put("QUENCH_HOME", home.toString());
        env.put("NO_COLOR", "1");
    }

    Quench env(String key, String value) {
        env.put(key, value);
        return this;
    }

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    Result run(String... args) throws IOException, InterruptedException {
        return run(null, args);
    }

    Result run(Path workDir, String... args) throws IOException, InterruptedException {
        String jar = System.getProperty("quench.jar", "target/quench.jar");
        if (!Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("quench jar not built: " + jar + " (run mvn verify)");
        }
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-jar", Path.of(jar).toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (workDir != null) pb.directory(workDir.toFile());
        pb.environment().putAll(env);
        pb.environment().remove("QUENCH_INVENTORY");
        pb.environment().remove("QUENCH_KNOWN_HOSTS");
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("quench " + String.join(" ", args) + " did not finish in 180 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
