package org.quench.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.lab.SshdLab;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a terminal without --yes, quench shows the plan and asks. A real pseudo-terminal (util-linux
 * `script`) stands in for the engineer's terminal; the answer is typed on its stdin.
 */
class InteractiveConfirmIT {
    static SshdLab lab;
    @TempDir Path tmp;

    @BeforeAll
    static void lab() {
        lab = SshdLab.shared();
    }

    private String runOnTerminal(String answer, Path spool) throws Exception {
        return runOnTerminal(answer, spool, true);
    }

    private String runOnTerminal(String answer, Path spool, boolean noColor) throws Exception {
        Path inv = new LabInventory(lab).host("h", "127.0.0.40").write(tmp);
        String jar = Path.of(System.getProperty("quench.jar", "target/quench.jar")).toAbsolutePath().toString();
        String cmd = String.join(" ", List.of("java", "-jar", jar, "run", "demo-spool", "-i", inv.toString(),
                "-e", "spool=" + spool, "-e", "sender=evil@example.test",
                "--known-hosts", lab.writeKnownHosts("127.0.0.40").toString()));
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", cmd, "/dev/null");
        pb.environment().put("QUENCH_HOME", Files.createDirectories(tmp.resolve("home-" + answer)).toString());
        if (noColor) pb.environment().put("NO_COLOR", "1");
        else pb.environment().remove("NO_COLOR");
        pb.environment().put("TERM", "xterm");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        // The prompt comes after the plan; typing early is fine, the terminal buffers it.
        p.getOutputStream().write((answer + "\n").getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().flush();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    @Test
    void declinedPlanChangesNothing() throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool-no"));
        Files.writeString(spool.resolve("m1"), "From: evil@example.test");
        String out = runOnTerminal("no", spool);
        assertThat(out).contains("PLAN").contains("Type 'yes' to proceed").contains("Not confirmed");
        assertThat(spool.resolve("m1")).exists();
    }

    @Test
    void colourOnlyOnATerminalWithoutNoColor() throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool-colour"));
        Files.writeString(spool.resolve("m1"), "From: evil@example.test");
        assertThat(runOnTerminal("no", spool, false)).contains("\u001b[");
        assertThat(runOnTerminal("no", spool, true)).doesNotContain("\u001b[");
        // Not a terminal (the other tests' runs through a pipe) → plain text even without NO_COLOR.
        Quench quench = new Quench(Files.createDirectories(tmp.resolve("home-pipe")));
        quench.env("NO_COLOR", "");
        Quench.Result piped = quench.run(Path.of("").toAbsolutePath(), "run", "demo-spool", "-i",
                new LabInventory(lab).host("h", "127.0.0.40").write(tmp).toString(), "--dry-run",
                "-e", "spool=" + spool, "-e", "sender=evil@example.test",
                "--known-hosts", lab.writeKnownHosts("127.0.0.40").toString());
        assertThat(piped.out()).contains("PLAN").doesNotContain("\u001b[");
    }

    @Test
    void confirmedPlanIsApplied() throws Exception {
        Path spool = Files.createDirectories(tmp.resolve("spool-yes"));
        Files.writeString(spool.resolve("m1"), "From: evil@example.test");
        String out = runOnTerminal("yes", spool);
        assertThat(out).contains("Applying the confirmed plan");
        assertThat(spool.resolve("m1")).doesNotExist();
        assertThat(Path.of(spool + ".quarantine", "m1")).exists();
    }
}
