package org.quench.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * rate-limit-outbound / lift-rate-limit end to end, over a real sshd, on the real Postfix lab: the
 * dry run edits nothing; the real run sets every remote transport's rate delay with main.cf backed
 * up and the previous values recorded; a second run keeps the recorded original; the lift puts
 * back exactly what was there — a preset value and an unset one.
 */
class RateLimitOutboundIT extends MailLabRun {
    static final Path REPO = Path.of("").toAbsolutePath();
    static final Path POSTFIX = Path.of("/etc/postfix");
    static final Path STATE = Path.of("/var/lib/quench/rate-limit-outbound.state");

    Path inventory;
    String known;
    Set<Path> backupsBefore;

    @BeforeEach
    void setUp() throws Exception {
        assertThat(STATE).as("no rate limit left over on the lab").doesNotExist();
        inventory = new LabInventory(sshd).host("mx1", "127.0.0.63").var("platform", "postfix").write(tmp);
        known = sshd.writeKnownHosts("127.0.0.63").toString();
        backupsBefore = backups();
    }

    @AfterEach
    void restore() throws Exception {
        Files.deleteIfExists(STATE);
        mail.restoreConfig();
        for (Path b : backups()) if (!backupsBefore.contains(b)) Files.deleteIfExists(b);
        assertThat(delays()).isEmpty();
    }

    private static Set<Path> backups() throws Exception {
        Set<Path> out;
        try (Stream<Path> s = Files.list(POSTFIX)) {
            out = s.filter(p -> p.getFileName().toString().startsWith("main.cf.quench-")).collect(Collectors.toSet());
        }
        if (Files.isDirectory(STATE.getParent())) {
            try (Stream<Path> s = Files.list(STATE.getParent())) {
                s.filter(p -> p.getFileName().toString().startsWith("rate-limit-outbound.state.quench-")).forEach(out::add);
            }
        }
        return out;
    }

    /** The rate delays main.cf sets, as {@code postconf -n} shows them. */
    private static String delays() {
        return mail.run("postconf -n smtp_destination_rate_delay relay_destination_rate_delay").stdout().strip();
    }

    private Quench.Result run(String runbook, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("run", runbook, "-i", inventory.toString(), "--known-hosts", known));
        args.addAll(List.of(extra));
        return quench.run(REPO, args.toArray(String[]::new));
    }

    private static String sha(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    @Test
    void limitKeepsTheOriginalOnASecondRunAndLiftRestoresItExactly() throws Exception {
        assertThat(mail.run("postconf -e 'relay_destination_rate_delay = 7s'").exitCode()).isZero();
        String mainCf = sha(POSTFIX.resolve("main.cf"));

        Quench.Result dry = run("rate-limit-outbound", "--dry-run", "-e", "delay=3s");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("postconf -e 'smtp_destination_rate_delay = 3s'", "postconf -e 'relay_destination_rate_delay = 3s'");
        assertThat(sha(POSTFIX.resolve("main.cf"))).as("the dry run edits nothing").isEqualTo(mainCf);
        assertThat(STATE).doesNotExist();

        Quench.Result real = run("rate-limit-outbound", "--yes", "-e", "delay=3s");
        assertThat(real.exit()).as(real.toString()).isZero();
        assertThat(delays()).isEqualTo("smtp_destination_rate_delay = 3s\nrelay_destination_rate_delay = 3s");
        assertThat(Files.readString(STATE)).contains("delay=3s", "smtp_destination_rate_delay=unset", "relay_destination_rate_delay=set:7s");
        Set<Path> taken = backups();
        taken.removeAll(backupsBefore);
        assertThat(taken).as("main.cf backed up").anyMatch(p -> p.getFileName().toString().startsWith("main.cf.quench-"));

        Quench.Result again = run("rate-limit-outbound", "--yes", "-e", "delay=9s");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already rate-limited, the recorded original is kept");
        assertThat(delays()).as("the second run changed nothing").isEqualTo("smtp_destination_rate_delay = 3s\nrelay_destination_rate_delay = 3s");

        Quench.Result lift = run("lift-rate-limit", "--yes");
        assertThat(lift.exit()).as(lift.toString()).isZero();
        assertThat(delays()).as("unset stays unset, 7s comes back").isEqualTo("relay_destination_rate_delay = 7s");
        assertThat(STATE).doesNotExist();

        Quench.Result nothing = run("lift-rate-limit", "--yes");
        assertThat(nothing.exit()).as("no record: refused").isEqualTo(3);
        assertThat(nothing.out() + nothing.err()).contains("no rate limit is recorded");
        assertThat(mail.run("postconf -X relay_destination_rate_delay").exitCode()).isZero();
    }
}
