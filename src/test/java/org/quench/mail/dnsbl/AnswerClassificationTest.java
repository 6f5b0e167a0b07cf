package org.quench.mail.dnsbl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What an answer means: listing codes decoded per list, error codes and odd answers never listings. */
class AnswerClassificationTest {
    private static DnsblCheck.Result answer(String zone, String... addresses) {
        return DnsblCheck.classify("192.0.2.7", zone, "7.2.0.192." + zone, new DnsResolver.Reply(false, List.of(addresses), null));
    }

    @Test
    void spamhausCodesAreDecoded() {
        assertThat(answer("zen.spamhaus.org", "127.0.0.2").meaning()).isEqualTo("127.0.0.2 SBL: direct spam source, listed by Spamhaus staff");
        assertThat(answer("zen.spamhaus.org", "127.0.0.3").meaning()).startsWith("127.0.0.3 SBL CSS");
        assertThat(answer("zen.test", "127.0.0.4").meaning()).startsWith("127.0.0.4 XBL");
        assertThat(answer("zen.spamhaus.org", "127.0.0.9").meaning()).startsWith("127.0.0.9 DROP");
        assertThat(answer("zen.spamhaus.org", "127.0.0.10").meaning()).startsWith("127.0.0.10 PBL (ISP");
        assertThat(answer("zen.spamhaus.org", "127.0.0.11").meaning()).startsWith("127.0.0.11 PBL (Spamhaus");
        assertThat(answer("mykey.zen.dq.spamhaus.net", "127.0.0.20").meaning()).startsWith("127.0.0.20 AuthBL");
        DnsblCheck.Result both = answer("zen.spamhaus.org", "127.0.0.4", "127.0.0.2");
        assertThat(both.state()).isEqualTo("listed");
        assertThat(both.codes()).containsExactly("127.0.0.2", "127.0.0.4");
        assertThat(both.meaning()).startsWith("127.0.0.2 SBL").contains("; 127.0.0.4 XBL");
    }

    @Test
    void otherListsSayListed() {
        assertThat(answer("bl.spamcop.net", "127.0.0.2").meaning()).contains("spam reports");
        assertThat(answer("dnsbl.example.net", "127.0.0.5").meaning()).isEqualTo("127.0.0.5 listed");
        assertThat(answer("dnsbl.example.net", "127.0.0.5").toMap()).containsEntry("list", "dnsbl.example.net");
        assertThat(answer("zen.spamhaus.org", "127.0.0.2").toMap()).containsEntry("list", "Spamhaus (zen.spamhaus.org)");
    }

    @Test
    void theSpamhausErrorRangeIsAnErrorNeverAListing() {
        for (String code : List.of("127.255.255.252", "127.255.255.254", "127.255.255.255", "127.255.255.1")) {
            DnsblCheck.Result r = answer("zen.spamhaus.org", code);
            assertThat(r.state()).as(code).isEqualTo("error");
            assertThat(r.codes()).containsExactly(code);
        }
        assertThat(answer("zen.spamhaus.org", "127.255.255.254").problem()).contains("public or open resolver");
        assertThat(answer("zen.spamhaus.org", "127.255.255.255").problem()).contains("too many queries");
        assertThat(answer("zen.spamhaus.org", "127.255.255.252").problem()).contains("mistyped");
        // one error code among listing codes spoils the whole answer
        assertThat(answer("zen.spamhaus.org", "127.0.0.2", "127.255.255.254").state()).isEqualTo("error");
    }

    @Test
    void oddAnswersAreErrors() {
        assertThat(answer("zen.spamhaus.org", "198.51.100.1").problem()).contains("outside 127.0.0.0/8");
        assertThat(answer("dbl.spamhaus.org", "127.0.1.255").problem()).contains("domain list");
        assertThat(answer("zen.spamhaus.org", "127.0.0.1").problem()).contains("never a listing");
    }

    @Test
    void nxdomainOrNoDataIsCleanAndATimeoutIsUnknown() {
        DnsResolver.Reply nx = new DnsResolver.Reply(true, List.of(), null);
        assertThat(DnsblCheck.classify("192.0.2.7", "zen.test", "q", nx).state()).isEqualTo("clean");
        DnsResolver.Reply nodata = new DnsResolver.Reply(false, List.of(), null);
        assertThat(DnsblCheck.classify("192.0.2.7", "zen.test", "q", nodata).state()).isEqualTo("clean");
        DnsResolver.Reply timeout = new DnsResolver.Reply(false, List.of(), "no answer within 500 ms from 127.0.0.53:53");
        DnsblCheck.Result r = DnsblCheck.classify("192.0.2.7", "zen.test", "q", timeout);
        assertThat(r.state()).isEqualTo("error");
        assertThat(r.problem()).startsWith("unknown: no answer");
    }

    @Test
    void resolverAddressesAreLiteralsOnly() {
        java.time.Duration t = java.time.Duration.ofSeconds(1);
        assertThat(DnsResolver.at("127.0.0.53", t).describe()).isEqualTo("127.0.0.53:53");
        assertThat(DnsResolver.at("127.0.0.53:5353", t).describe()).isEqualTo("127.0.0.53:5353");
        assertThat(DnsResolver.at("[::1]:53", t).describe()).isEqualTo("[0:0:0:0:0:0:0:1]:53");
        assertThat(DnsResolver.at("::1", t).describe()).endsWith(":53");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DnsResolver.at("dns.example.net", t))
                .hasMessageContaining("must be an IP address");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DnsResolver.at("127.0.0.53:99999", t))
                .hasMessageContaining("port must be 1-65535");
    }
}
