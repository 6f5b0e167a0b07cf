package org.quench.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.quench.lab.SshdLab;

class ServerHostKeyTest {

    @Test
    void fingerprintMatchesSshKeygen() throws Exception {
        SshdLab lab = SshdLab.shared();
        String[] pub = Files.readString(lab.hostPublicKey()).trim().split(" ");
        ServerHostKey key = ServerHostKey.fromBase64(pub[1]);
        assertThat(key.type()).isEqualTo("ssh-ed25519").isEqualTo(pub[0]);
        assertThat(key.fingerprint()).isEqualTo(lab.hostKeyFingerprint()).doesNotEndWith("=");
        assertThat(key.matches(lab.hostKeyFingerprint() + "=")).isTrue();
        assertThat(key.knownHostsLine("127.0.0.5", 2222)).isEqualTo("[127.0.0.5]:2222 ssh-ed25519 " + pub[1]);
        assertThat(key.knownHostsLine("mx1", 22)).isEqualTo("mx1 ssh-ed25519 " + pub[1]);
    }

    @Test
    void knownHostsFileIsParsedOncePerProcess() throws Exception {
        Path file = SshdLab.shared().writeKnownHosts("127.0.4.1");
        assertThat(KnownHostsStore.forFile(file)).isSameAs(KnownHostsStore.forFile(file));
    }
}
