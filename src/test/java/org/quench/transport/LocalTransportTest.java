package org.quench.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quench.inventory.Host;
import org.quench.lab.SshdLab;
import org.quench.transport.TransportException.Reason;

class LocalTransportTest {
    static final Duration T = Duration.ofSeconds(20);

    @Test
    void exitCodeStdoutStderrAndStdin() throws Exception {
        try (Transport t = new LocalTransport()) {
            ExecResult r = t.exec("echo out; echo err >&2; tr a-z A-Z; exit 4", "hello\n".getBytes(StandardCharsets.UTF_8), T);
            assertThat(r.exitCode()).isEqualTo(4);
            assertThat(r.stdout()).isEqualTo("out\nHELLO\n");
            assertThat(r.stderr()).isEqualTo("err\n");
            assertThat(t.exec("cat", null, T).stdout()).isEmpty();
            assertThat(t.describe()).isEqualTo("local");
        }
    }

    @Test
    void streamsAMegabyte() throws Exception {
        AtomicLong bytes = new AtomicLong();
        OutputStream counter = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.incrementAndGet();
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.addAndGet(len);
            }
        };
        ExecResult r = new LocalTransport().exec("head -c 1048576 /dev/zero", null, T, counter);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(bytes.get()).isEqualTo(1_048_576);
    }

    @Test
    void timeoutKillsTheWholeProcessTree() throws Exception {
        long start = System.nanoTime();
        assertThatThrownBy(() -> new LocalTransport().exec("sleep 41.4321 & sleep 42.4321 | cat; wait", null, Duration.ofMillis(500)))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TIMEOUT))
                .hasMessageContaining("did not finish within 500 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        SshTransportTest.waitUntil(() -> SshdLab.pidsWithCommandLineContaining("sleep 41.4321").isEmpty()
                && SshdLab.pidsWithCommandLineContaining("sleep 42.4321").isEmpty(), "the local sleeps to be gone");
    }

    @Test
    void factoryPicksLocalForConnectionLocal() throws Exception {
        Host local = new Host("controller", Map.of("ansible_connection", "local"), List.of());
        Host alsoLocal = new Host("controller", Map.of("connection", "local"), List.of());
        SshOptions options = SshOptions.isolated(null);
        try (Transport t = new TransportFactory().open(local, options); Transport u = new TransportFactory().open(alsoLocal, options)) {
            assertThat(t).isInstanceOf(LocalTransport.class);
            assertThat(u).isInstanceOf(LocalTransport.class);
            assertThat(t.exec("echo $((6*7))", null, T).stdout()).isEqualTo("42\n");
        }
    }
}
