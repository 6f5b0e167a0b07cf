package org.quench.mail.dnsbl;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quench.inventory.Host;
import org.quench.lab.mail.MailLab;
import org.quench.mail.detect.LocalModuleContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dnsbl.check against the lab's real DNS server (dnsmasq on 127.0.0.53, no upstream): zen.test
 * lists 127.0.0.1 (CSS), 127.0.0.2 (SBL), 127.0.0.20 (XBL) and 2001:db8::25 with TXT reasons,
 * refused.test answers every name with Spamhaus' public-resolver error, clean.test lists nothing.
 */
class DnsblOnLabTest {
    private static MailLab lab;

    @BeforeAll
    static void up() {
        lab = MailLab.get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(Map<String, Object> vars, Map<String, Object> with) throws Exception {
        LocalModuleContext ctx = new LocalModuleContext();
        Host host = new Host("lab", vars, List.of());
        Map<String, Object> out = (Map<String, Object>) new DnsblModule().prepare(host, with).execute(ctx);
        assertThat(ctx.commands).as("addresses given: nothing runs on the host").isEmpty();
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void listingsComeWithTheirCodeMeaningAndReasonErrorsAreErrorsAndNxdomainIsClean() throws Exception {
        Map<String, Object> out = check(Map.of("outbound_ips", List.of("127.0.0.1", "127.0.0.2", "2001:db8::25", "127.0.0.99"),
                        "dnsbl_zones", List.of("zen.test", "refused.test", "clean.test"), "dns_resolver", lab.dnsServer()),
                Map.of());
        List<Map<String, Object>> listings = (List<Map<String, Object>>) out.get("listings");
        assertThat(listings).extracting(l -> l.get("ip") + "@" + l.get("zone") + "=" + l.get("code"))
                .containsExactlyInAnyOrder("127.0.0.1@zen.test=127.0.0.3", "127.0.0.2@zen.test=127.0.0.2", "2001:db8::25@zen.test=127.0.0.2");
        Map<String, Object> css = listings.stream().filter(l -> l.get("ip").equals("127.0.0.1")).findFirst().orElseThrow();
        assertThat((String) css.get("meaning")).startsWith("127.0.0.3 SBL CSS");
        assertThat(css.get("reason")).isEqualTo("https://check.spamhaus.org/query/ip/127.0.0.1");
        Map<String, Object> v6 = listings.stream().filter(l -> l.get("ip").equals("2001:db8::25")).findFirst().orElseThrow();
        assertThat(v6.get("reason")).isEqualTo("https://check.spamhaus.org/query/ip/2001:db8::25");

        List<Map<String, Object>> errors = (List<Map<String, Object>>) out.get("errors");
        assertThat(errors).as("every address on refused.test is an error, never a listing").hasSize(4)
                .allSatisfy(e -> {
                    assertThat(e.get("zone")).isEqualTo("refused.test");
                    assertThat(e.get("code")).isEqualTo("127.255.255.254");
                    assertThat((String) e.get("problem")).contains("public or open resolver");
                });
        List<Map<String, Object>> clean = (List<Map<String, Object>>) out.get("clean");
        assertThat(clean).hasSize(5); // 4 on clean.test + 127.0.0.99 on zen.test
        assertThat(out.get("summary")).isEqualTo("3 listed, 4 error(s), 5 clean (4 address(es) x 3 list(s))");
        assertThat(out.get("resolver")).isEqualTo(lab.dnsServer() + ":53");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aResolverThatDoesNotAnswerMakesEveryCheckUnknownNeverClean() throws Exception {
        Map<String, Object> out = check(Map.of("dns_resolver", lab.dnsServer() + ":9"),
                Map.of("ips", List.of("127.0.0.1"), "zones", List.of("zen.test", "clean.test"), "timeout", "300ms"));
        assertThat((List<?>) out.get("listings")).isEmpty();
        assertThat((List<?>) out.get("clean")).isEmpty();
        assertThat((List<Map<String, Object>>) out.get("errors")).hasSize(2)
                .allSatisfy(e -> assertThat((String) e.get("problem")).startsWith("unknown: "));
    }

    @Test
    void directCheckAgreesWithTheModule() {
        List<DnsblCheck.Result> r = new DnsblCheck(DnsResolver.at(lab.dnsServer(), Duration.ofSeconds(3)))
                .check(List.of("127.0.0.20"), List.of("zen.test"));
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.state()).isEqualTo("listed");
            assertThat(x.codes()).containsExactly("127.0.0.4");
            assertThat(x.query()).isEqualTo("20.0.0.127.zen.test");
        });
    }
}
