package org.quench.mail.trust;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quench.expr.ShellQuote;
import org.quench.transport.LocalTransport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader against the real {@code postconf} of this machine, pointed at a private config
 * directory with {@code MAIL_CONFIG} (the mail lab's own Postfix is not touched, so no lab lock).
 */
class TrustReaderTest {
    private Path dir;
    private LocalTransport local;
    private final List<String> commands = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("quench-trust");
        Files.writeString(dir.resolve("master.cf"), "");
        local = new LocalTransport();
    }

    @AfterEach
    void tearDown() throws Exception {
        local.close();
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private TrustReader reader() {
        String env = "MAIL_CONFIG=" + ShellQuote.quote(dir.toString()) + "; export MAIL_CONFIG; ";
        return new TrustReader(c -> {
            commands.add(c);
            return local.exec(env + c, null, Duration.ofSeconds(30));
        });
    }

    @Test
    void readsNamesFilesAndTablesThroughPostconf() throws Exception {
        Files.writeString(dir.resolve("network_table"), "10.1.0.0/16\n");
        Files.writeString(dir.resolve("relays.cidr"), "198.51.100.0/24 OK\n");
        Files.writeString(dir.resolve("main.cf"), "compatibility_level = 3.6\n"
                + "office = 192.0.2.0/24\n"
                + "mynetworks = 127.0.0.1/32, $office, !10.0.0.9, 10.0.0.0/24, " + dir.resolve("network_table")
                + ", cidr:" + dir.resolve("relays.cidr") + ", ldap:" + dir.resolve("ldap.cf") + "\n");
        EffectiveTrust t = reader().read("postfix");
        String mainCf = dir.resolve("main.cf").toString();
        assertThat(t.setIn()).isEqualTo(mainCf);
        assertThat(t.entries()).extracting(TrustEntry::describe).containsExactly(
                "127.0.0.1/32 from mynetworks in " + mainCf,
                "192.0.2.0/24 from mynetworks in " + mainCf + " via $office",
                "!10.0.0.9/32 from mynetworks in " + mainCf,
                "10.0.0.0/24 from mynetworks in " + mainCf,
                "10.1.0.0/16 from " + dir.resolve("network_table") + ":1 (named by mynetworks in " + mainCf + ")",
                "198.51.100.0/24 from cidr:" + dir.resolve("relays.cidr") + " line 1 (named by mynetworks in " + mainCf + ")");
        assertThat(t.unresolved()).singleElement().extracting(Unresolved::reference).isEqualTo("ldap:" + dir.resolve("ldap.cf"));
        assertThat(t.trusts("10.0.0.9")).isFalse();
        assertThat(t.trusts("10.0.0.10")).isTrue();
        assertThat(t.toMap()).containsKeys("mynetworks", "entries", "unresolved", "platform");
    }

    @Test
    void unsetMynetworksComesFromTheStyle() throws Exception {
        Files.writeString(dir.resolve("main.cf"), "compatibility_level = 3.6\nmynetworks_style = host\ninet_interfaces = loopback-only\n"
                + "inet_protocols = ipv4\n");
        EffectiveTrust t = reader().read(null);
        assertThat(t.setIn()).isNull();
        assertThat(t.style()).isEqualTo("host");
        assertThat(t.entries()).isNotEmpty();
        assertThat(t.entries()).allSatisfy(e -> assertThat(e.origin()).startsWith("mynetworks_style = host"));
        assertThat(t.trusts("127.0.0.1")).isTrue();
    }

    @Test
    void aFailingPostconfIsAnErrorNotAnEmptyList() {
        assertThatThrownBy(() -> new TrustReader(c -> local.exec("exit 1", null, Duration.ofSeconds(5))).read("postfix"))
                .isInstanceOf(TrustReadException.class).hasMessageContaining("postconf");
    }

    @Test
    void platformCommandsAreReadOnly() {
        assertThat(TrustReader.commands("bluemind")).last().isEqualTo("bm-cli sysconf list");
        assertThat(TrustReader.commands("zimbra")).contains(
                "su - zimbra -c '/opt/zimbra/bin/zmprov gs $(/opt/zimbra/bin/zmhostname) zimbraMtaMyNetworks'",
                "su - zimbra -c '/opt/zimbra/bin/zmprov gacf zimbraMtaMyNetworks'");
        assertThat(TrustReader.commands("plesk")).hasSize(1);
        assertThatThrownBy(() -> TrustReader.commands("exchange")).hasMessageContaining("unknown platform");
    }
}
