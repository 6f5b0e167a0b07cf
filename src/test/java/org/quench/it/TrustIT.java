package org.quench.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quench.lab.SshdLab;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `quench trust`: an unknown host becomes usable only through an explicit, checked step. */
class TrustIT {
    static final Path REPO = Path.of("").toAbsolutePath();
    static SshdLab lab;
    @TempDir Path tmp;

    @BeforeAll
    static void lab() {
        lab = SshdLab.shared();
    }

    @Test
    void trustRecordsTheKeyOnlyWhenTheFingerprintMatches() throws Exception {
        Quench quench = new Quench(Files.createDirectories(tmp.resolve("home")));
        Path inv = new LabInventory(lab).host("newbox", "127.0.0.50").write(tmp);
        Path known = tmp.resolve("known_hosts");
        String k = known.toString();

        Quench.Result before = quench.run(REPO, "inventory", "-i", inv.toString(), "--check", "--known-hosts", k);
        assertThat(before.exit()).as(before.toString()).isEqualTo(3);
        assertThat(before.out()).contains(lab.hostKeyFingerprint()).contains("quench trust");

        Quench.Result noTerminal = quench.run(REPO, "trust", "-i", inv.toString(), "-l", "newbox", "--known-hosts", k);
        assertThat(noTerminal.exit()).isEqualTo(3);
        assertThat(noTerminal.out()).contains("not trusted").contains("--fingerprint " + lab.hostKeyFingerprint());
        assertThat(known).doesNotExist();

        Quench.Result wrong = quench.run(REPO, "trust", "-i", inv.toString(), "-l", "newbox", "--known-hosts", k,
                "--fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(wrong.exit()).isEqualTo(3);
        assertThat(wrong.out()).contains("does NOT match");
        assertThat(known).doesNotExist();

        Quench.Result right = quench.run(REPO, "trust", "-i", inv.toString(), "-l", "newbox", "--known-hosts", k,
                "--fingerprint", lab.hostKeyFingerprint());
        assertThat(right.exit()).as(right.toString()).isZero();
        assertThat(right.out()).contains("recorded in " + k);

        Quench.Result after = quench.run(REPO, "inventory", "-i", inv.toString(), "--check", "--known-hosts", k);
        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(after.out()).contains("1 of 1 host(s) reachable");
    }
}
