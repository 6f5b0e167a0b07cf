package org.quench.mail.dnsbl;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DnsblNameTest {
    @Test
    void ipv4OctetsAreReversed() {
        assertThat(DnsblName.of("203.0.113.7", "zen.spamhaus.org")).isEqualTo("7.113.0.203.zen.spamhaus.org");
        assertThat(DnsblName.of("127.0.0.2", "ZEN.Test.")).isEqualTo("2.0.0.127.zen.test");
    }

    @Test
    void ipv6IsNibbleReversedLikeIp6Arpa() {
        assertThat(DnsblName.of("2001:db8::25", "zen.test"))
                .isEqualTo("5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.test");
        // RFC 5782 §5 test point ::FFFF:7F00:2, written in its long form
        assertThat(DnsblName.reversed("0:0:0:0:0:ffff:7f00:2").split("\\.")).hasSize(32);
        assertThat(DnsblName.reversed("2001:DB8:0:0:0:0:0:25")).isEqualTo(DnsblName.reversed("2001:db8::25"));
    }

    @Test
    void refusesNetworksNamesAndHostileZones() {
        assertThatThrownBy(() -> DnsblName.of("10.0.0.0/8", "zen.test")).hasMessageContaining("network");
        assertThatThrownBy(() -> DnsblName.of("mail.example.com", "zen.test")).hasMessageContaining("not an IPv4 or IPv6");
        assertThatThrownBy(() -> DnsblName.of("1.2.3.4", "zen.test;reboot")).hasMessageContaining("not a DNS zone name");
        assertThatThrownBy(() -> DnsblName.of("1.2.3.4", "localhost")).hasMessageContaining("not a DNS zone name");
        assertThatThrownBy(() -> DnsblName.of("1.2.3.4", "-bad.example")).hasMessageContaining("not a DNS zone name");
    }
}
