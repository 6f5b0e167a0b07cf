package org.quench.mail.dnsbl;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DelistingTest {
    @SuppressWarnings("unchecked")
    private static String how(Map<String, Object> step) {
        return ((List<String>) step.get("steps")).get(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onePerListAndOnePerProviderEachNamingTheReport() {
        List<Map<?, ?>> listings = List.of(
                Map.of("ip", "192.0.2.7", "zone", "zen.spamhaus.org", "code", "127.0.0.4"),
                Map.of("ip", "192.0.2.8", "zone", "zen.spamhaus.org", "code", "127.0.0.2"),
                Map.of("ip", "192.0.2.7", "zone", "bl.spamcop.net", "code", "127.0.0.2"));
        List<Map<?, ?>> bounces = List.of(Map.of("provider", "Microsoft", "count", 12), Map.of("provider", "Google", "count", 3));
        Map<String, Object> out = DelistingModule.steps(listings, bounces, "20261205-1");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) out.get("delisting");
        assertThat(steps).extracting(s -> s.get("what")).containsExactly("Spamhaus (zen.spamhaus.org)", "SpamCop (bl.spamcop.net)",
                "Microsoft (12 refused)", "Google (3 refused)");
        assertThat(steps.get(0).get("ips")).isEqualTo("192.0.2.7, 192.0.2.8");
        assertThat(how(steps.get(0))).contains("XBL").contains("check.spamhaus.org");
        assertThat(how(steps.get(1))).contains("expires by itself");
        assertThat(how(steps.get(2))).contains("https://sender.office.com/");
        assertThat(how(steps.get(3))).contains("postmaster.google.com");
        assertThat(steps).allSatisfy(s -> assertThat((List<String>) s.get("steps")).last()
                .isEqualTo("attach the incident report: quench report 20261205-1 --format html"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPolicyOnlyListingIsExplainedAsNotAnIncident() {
        Map<String, Object> out = DelistingModule.steps(List.of(Map.of("ip", "192.0.2.7", "zone", "zen.spamhaus.org", "code", "127.0.0.10")),
                List.of(), null);
        String how = how(((List<Map<String, Object>>) out.get("delisting")).get(0));
        assertThat(how).contains("policy listing").contains("not a spam incident");
    }

    @Test
    void outboundAddressesComeFromTheBindAddressElseTheRoute() {
        assertThat(OutboundAddresses.parse("198.51.100.4\n\n#quench-routes\n192.0.2.1 via 10.0.0.1 dev eth0 src 10.0.0.5 uid 0\n"))
                .containsExactly(new OutboundAddresses.Found("198.51.100.4", "smtp_bind_address"));
        assertThat(OutboundAddresses.parse("\n\n#quench-routes\n192.0.2.1 via 10.0.0.1 dev eth0 src 203.0.113.9 uid 0 \\    cache \n"
                + "2001:db8::1 from :: via fe80::1 dev eth0 proto ra src 2001:db8:5::9 metric 100 pref medium\n"))
                .containsExactly(new OutboundAddresses.Found("203.0.113.9", "route"), new OutboundAddresses.Found("2001:db8:5::9", "route"));
        assertThat(OutboundAddresses.isPrivate("10.0.0.5")).isTrue();
        assertThat(OutboundAddresses.isPrivate("100.64.1.1")).isTrue();
        assertThat(OutboundAddresses.isPrivate("fd00::1")).isTrue();
        assertThat(OutboundAddresses.isPrivate("203.0.113.9")).isFalse();
        assertThat(OutboundAddresses.isPrivate("2001:db8:5::9")).isFalse();
    }
}
