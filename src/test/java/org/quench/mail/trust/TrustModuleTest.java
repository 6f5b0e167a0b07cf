package org.quench.mail.trust;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.engine.ModuleContext;
import org.quench.expr.ShellQuote;
import org.quench.inventory.Host;
import org.quench.transport.ExecResult;
import org.quench.transport.LocalTransport;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** postfix.trust as a step, over this machine's real postconf pointed at a private config directory. */
class TrustModuleTest {
    private Path dir;
    private LocalTransport local;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("quench-trust-module");
        Files.writeString(dir.resolve("master.cf"), "");
        Files.writeString(dir.resolve("main.cf"), "compatibility_level = 3.6\n"
                + "mynetworks = 127.0.0.1/32, !127.0.0.20, 127.0.0.10/32, 127.0.0.16/29\n");
        local = new LocalTransport();
    }

    @AfterEach
    void tearDown() throws Exception {
        local.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private ModuleContext context(Host host) {
        String env = "MAIL_CONFIG=" + ShellQuote.quote(dir.toString()) + "; export MAIL_CONFIG; ";
        return new ModuleContext() {
            public Host host() { return host; }
            public ExecResult exec(String c, byte[] stdin, Duration t) throws org.quench.transport.TransportException {
                return local.exec(env + c, stdin, t);
            }
            public ExecResult stream(String c, byte[] stdin, Duration t, OutputStream out) throws org.quench.transport.TransportException {
                return local.exec(env + c, stdin, t, out);
            }
            public Duration timeout() { return Duration.ofSeconds(30); }
            public String mask(String text) { return text; }
            public void registerSecret(String value) { }
            public void saveEvidence(String name, String content) { }
        };
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(Host host, Map<String, Object> args) throws Exception {
        return (Map<String, Object>) new TrustModule().prepare(host, args).execute(context(host));
    }

    @Test
    void matchesAndTheApprovedListAfterAnExclusion() throws Exception {
        Host host = new Host("mx1", Map.of("approved_relays", List.of("127.0.0.10/32", "127.0.0.16/29")), List.of());
        Map<String, Object> out = run(host, Map.of("ips", List.of("127.0.0.20", "127.0.0.17")));
        List<Map<String, Object>> matches = (List<Map<String, Object>>) out.get("matches");
        assertThat(matches.get(0)).containsEntry("trusted", false)
                .containsEntry("entry", "!127.0.0.20/32 from mynetworks in " + dir.resolve("main.cf"));
        assertThat(matches.get(1)).containsEntry("trusted", true)
                .containsEntry("entry", "127.0.0.16/29 from mynetworks in " + dir.resolve("main.cf"));
        List<Map<String, Object>> approved = (List<Map<String, Object>>) out.get("approved");
        assertThat(approved).extracting(m -> m.get("cidr")).containsExactly("127.0.0.10/32", "127.0.0.16/29");
        assertThat(approved.get(0).get("untrusted")).asList().isEmpty();
        assertThat(approved.get(1).get("untrusted")).asList().containsExactly("127.0.0.20");
        assertThat(out.get("byHand")).isNull();
    }

    @Test
    void pleskGetsTheManualStepForTheAddressesStillTrusted() throws Exception {
        Map<String, Object> args = new HashMap<>(Map.of("platform", "plesk", "ips", "127.0.0.20 127.0.0.17"));
        Map<String, Object> out = run(new Host("mx1", Map.of(), List.of()), args);
        assertThat(out.get("byHand")).isEqualTo(PleskWhiteList.instruction("127.0.0.17"));
        assertThat((Map<String, Object>) out.get("platform")).containsEntry("platform", "plesk").containsEntry("value", null);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnything() {
        Host host = new Host("mx1", Map.of(), List.of());
        assertThatThrownBy(() -> new TrustModule().prepare(host, Map.of("ips", "10.0.0.1 $(reboot)"))).hasMessageContaining("not an IP");
        assertThatThrownBy(() -> new TrustModule().prepare(host, Map.of("platform", "exchange"))).hasMessageContaining("unknown platform");
        assertThatThrownBy(() -> new TrustModule().prepare(host, Map.of("approved_relays", "10.0.0.0/33")))
                .hasMessageContaining("approved_relays");
    }
}
