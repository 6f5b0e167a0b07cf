package org.quench.mail.trust;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void parsesPostfixForms() {
        assertThat(Cidr.parse("127.0.0.16/29").text()).isEqualTo("127.0.0.16/29");
        assertThat(Cidr.parse("10.0.0.9").text()).isEqualTo("10.0.0.9/32");
        assertThat(Cidr.parse("[2001:DB8:0::]/32").text()).isEqualTo("2001:db8::/32");
        assertThat(Cidr.parse("[2001:db8::]/32").mynetworksText()).isEqualTo("[2001:db8::]/32");
        assertThat(Cidr.parse("[::1]/128").singleAddress()).isTrue();
        assertThat(Cidr.parse("::ffff:127.0.0.0/104").ipv6()).isTrue();
    }

    @Test
    void hostBitsAreClearedAndRemembered() {
        Cidr c = Cidr.parse("10.0.0.1/24");
        assertThat(c.text()).isEqualTo("10.0.0.0/24");
        assertThat(c.hostBitsSet()).isTrue();
        assertThat(Cidr.parse("10.0.0.0/24").hostBitsSet()).isFalse();
    }

    @Test
    void refusesWhatIsNotALiteral() {
        for (String bad : List.of("mx.example.com", "010.0.0.1", "10.0.0.0/33", "1.2.3.4/", "hash:/etc/x", "$(reboot)", "")) {
            assertThatThrownBy(() -> Cidr.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void containmentIsPerFamily() {
        Cidr net = Cidr.parse("127.0.0.16/29");
        assertThat(net.contains(Cidr.parse("127.0.0.20"))).isTrue();
        assertThat(net.contains(Cidr.parse("127.0.0.24"))).isFalse();
        assertThat(net.contains(Cidr.parse("127.0.0.16/28"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(Cidr.parse("2001:db8::1"))).isFalse();
        assertThat(Cidr.parse("[2001:db8::]/32").contains(Cidr.parse("2001:db8:1::5"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").size().longValue()).isEqualTo(16_777_216L);
    }

    @Test
    void minusLeavesEveryOtherAddress() {
        assertThat(Cidr.parse("127.0.0.16/29").minus(Cidr.parse("127.0.0.20")).stream().map(Cidr::text))
                .containsExactly("127.0.0.16/30", "127.0.0.21/32", "127.0.0.22/31");
        assertThat(Cidr.parse("10.0.0.0/24").minus(Cidr.parse("10.0.0.9")).stream().map(Cidr::text))
                .containsExactly("10.0.0.0/29", "10.0.0.8/32", "10.0.0.10/31", "10.0.0.12/30", "10.0.0.16/28",
                        "10.0.0.32/27", "10.0.0.64/26", "10.0.0.128/25");
        assertThat(Cidr.parse("10.0.0.9/32").minus(Cidr.parse("10.0.0.9"))).isEmpty();
        assertThat(Cidr.parse("[2001:db8::]/126").minus(Cidr.parse("2001:db8::1")).stream().map(Cidr::text))
                .containsExactly("2001:db8::/128", "2001:db8::2/127");
        assertThatThrownBy(() -> Cidr.parse("10.0.0.0/24").minus(Cidr.parse("10.0.1.1"))).hasMessageContaining("not inside");
    }

    @Test
    void minusCoversExactlyTheRest() {
        Cidr net = Cidr.parse("192.168.4.0/22");
        Cidr hole = Cidr.parse("192.168.6.77");
        List<Cidr> parts = net.minus(hole);
        for (int i = 0; i < 1024; i++) {
            Cidr a = Cidr.parse("192.168." + (4 + i / 256) + "." + (i % 256));
            long covering = parts.stream().filter(p -> p.contains(a)).count();
            assertThat(covering).as(a.text()).isEqualTo(a.equals(hole) ? 0 : 1);
        }
    }
}
