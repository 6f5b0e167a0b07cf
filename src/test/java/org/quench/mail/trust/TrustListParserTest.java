package org.quench.mail.trust;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TrustListParserTest {
    static final String MAIN = "mynetworks in /etc/postfix/main.cf";

    /** Parameters and files as a host would answer them. */
    static TrustSources sources(Map<String, String> params, Map<String, String> files) {
        return new TrustSources() {
            @Override
            public String parameter(String name) {
                return params.get(name);
            }

            @Override
            public String file(String path) {
                return files.get(path);
            }
        };
    }

    static List<String> texts(TrustListParser.Result r) {
        return r.entries().stream().map(TrustEntry::describe).toList();
    }

    @Test
    void theLabsListKeepsOrderAndOrigin() throws Exception {
        TrustListParser.Result r = TrustListParser.parse("127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29", MAIN, sources(Map.of(), Map.of()));
        assertThat(texts(r)).containsExactly("127.0.0.1/32 from " + MAIN, "127.0.0.10/32 from " + MAIN,
                "127.0.0.16/29 from " + MAIN);
        assertThat(r.unresolved()).isEmpty();
    }

    @Test
    void followsNamesFilesAndTables() throws Exception {
        Map<String, String> params = new HashMap<>(Map.of("office_nets", "192.0.2.0/24 [2001:db8::]/48", "relays", "$office_nets"));
        Map<String, String> files = Map.of(
                "/etc/postfix/network_table", "# internal\n10.1.0.0/16\n\n10.2.0.5, 10.2.0.6\n",
                "/etc/postfix/relays.cidr", "# comment\n198.51.100.0/24 OK\n2001:db8:1::/64  anything\n",
                "/etc/postfix/relays", "203.0.113.7 OK\n203.0.113.8\tOK\n");
        TrustListParser.Result r = TrustListParser.parse(
                "${relays}, /etc/postfix/network_table cidr:/etc/postfix/relays.cidr, proxy:hash:/etc/postfix/relays",
                MAIN, sources(params, files));
        assertThat(texts(r)).containsExactly(
                "192.0.2.0/24 from " + MAIN + " via $relays via $office_nets",
                "2001:db8::/48 from " + MAIN + " via $relays via $office_nets",
                "10.1.0.0/16 from /etc/postfix/network_table:2 (named by " + MAIN + ")",
                "10.2.0.5/32 from /etc/postfix/network_table:4 (named by " + MAIN + ")",
                "10.2.0.6/32 from /etc/postfix/network_table:4 (named by " + MAIN + ")",
                "198.51.100.0/24 from cidr:/etc/postfix/relays.cidr line 2 (named by " + MAIN + ")",
                "2001:db8:1::/64 from cidr:/etc/postfix/relays.cidr line 3 (named by " + MAIN + ")",
                "203.0.113.7/32 from hash:/etc/postfix/relays line 1 (named by " + MAIN + ")",
                "203.0.113.8/32 from hash:/etc/postfix/relays line 2 (named by " + MAIN + ")");
        assertThat(r.unresolved()).isEmpty();
    }

    @Test
    void exclusionsCarryIntoWhatTheyName() throws Exception {
        TrustListParser.Result r = TrustListParser.parse("!10.0.0.9, !/etc/postfix/bad, 10.0.0.0/24", MAIN,
                sources(Map.of(), Map.of("/etc/postfix/bad", "10.0.0.66\n")));
        assertThat(r.entries()).extracting(TrustEntry::exclusion).containsExactly(true, true, false);
        assertThat(texts(r).get(0)).isEqualTo("!10.0.0.9/32 from " + MAIN);
    }

    @Test
    void whatCannotBeListedIsReportedNotGuessed() throws Exception {
        TrustListParser.Result r = TrustListParser.parse(
                "ldap:/etc/postfix/ldap-relays.cf, /etc/postfix/missing, $nosuch, 2001:db8::1, mx.example.com, pcre:/etc/x.pcre, 10.0.0.1",
                MAIN, sources(Map.of(), Map.of()));
        assertThat(texts(r)).containsExactly("10.0.0.1/32 from " + MAIN);
        assertThat(r.unresolved()).extracting(Unresolved::reference).containsExactly("ldap:/etc/postfix/ldap-relays.cf",
                "/etc/postfix/missing", "$nosuch", "2001:db8::1", "mx.example.com", "pcre:/etc/x.pcre");
        assertThat(r.unresolved().get(0).why()).contains("cannot be listed");
        assertThat(r.unresolved().get(3).why()).contains("brackets");
    }

    @Test
    void braceSyntaxIsNotTakenApart() throws Exception {
        TrustListParser.Result r = TrustListParser.parse("inline:{ 10.0.0.1=x }", MAIN, sources(Map.of(), Map.of()));
        assertThat(r.entries()).isEmpty();
        assertThat(r.unresolved()).hasSize(1);
    }

    @Test
    void aSelfReferenceStops() throws Exception {
        TrustListParser.Result r = TrustListParser.parse("$loop", MAIN, sources(Map.of("loop", "$loop"), Map.of()));
        assertThat(r.entries()).isEmpty();
        assertThat(r.unresolved()).singleElement().extracting(Unresolved::why).asString().contains("nested");
    }

    @Test
    void firstMatchDecides() throws Exception {
        TrustListParser.Result r = TrustListParser.parse("127.0.0.1/32, !127.0.0.20, 127.0.0.16/29", MAIN, sources(Map.of(), Map.of()));
        EffectiveTrust t = new EffectiveTrust("x", "/etc/postfix/main.cf", "host", r.entries(), r.unresolved(), null);
        assertThat(t.trusts("127.0.0.20")).isFalse();
        assertThat(t.matchingEntry("127.0.0.20").orElseThrow().exclusion()).isTrue();
        assertThat(t.trusts("127.0.0.17")).isTrue();
        assertThat(t.matchingEntry("127.0.0.17").orElseThrow().describe()).isEqualTo("127.0.0.16/29 from " + MAIN);
        assertThat(t.matchingEntry("127.0.0.30")).isEmpty();
        assertThat(t.trusts("::1")).isFalse();
    }

    @Test
    void platformOutputs() {
        String table = """
                +------------+-----------------------------+
                | Attribute  | Value                       |
                +------------+-----------------------------+
                |            |                             |
                | mynetworks | 127.0.0.0/8, 10.0.0.0/24    |
                | relayhost  |                             |
                +------------+-----------------------------+
                """;
        assertThat(SysconfTable.value(table, "mynetworks")).isEqualTo("127.0.0.0/8, 10.0.0.0/24");
        assertThat(SysconfTable.value(table, "relayhost")).isEmpty();
        assertThat(SysconfTable.value(table, "nothing")).isNull();
        assertThat(ZmprovAttribute.values("# name mx1.example.com\nzimbraMtaMyNetworks: 127.0.0.0/8\nzimbraMtaMyNetworks: 10.0.0.0/24\n",
                "zimbraMtaMyNetworks")).containsExactly("127.0.0.0/8", "10.0.0.0/24");
        assertThat(ZmprovAttribute.values("# name mx1\n", "zimbraMtaMyNetworks")).isEmpty();
    }
}
