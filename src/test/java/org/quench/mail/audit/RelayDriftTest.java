package org.quench.mail.audit;

import org.junit.jupiter.api.Test;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.TrustEntry;
import org.quench.mail.trust.Unresolved;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayDriftTest {
    private static List<TrustEntry> trusted(String... entries) {
        List<TrustEntry> out = new ArrayList<>();
        for (String e : entries) {
            boolean excl = e.startsWith("!");
            out.add(new TrustEntry(Cidr.parse(excl ? e.substring(1) : e), excl, "mynetworks in /etc/postfix/main.cf"));
        }
        return out;
    }

    private static List<String> problems(List<DriftFinding> f) {
        return f.stream().map(d -> d.problem() + " " + d.entry()).toList();
    }

    @Test
    void approvedEntriesAndSubnetsOfThemAreClean() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("127.0.0.1/32", "10.1.2.0/24", "10.1.3.5"), List.of(),
                RelayDrift.approved(List.of("10.1.2.0/24", "10.1.3.0/24")), BreadthLimit.DEFAULT);
        assertThat(f).isEmpty();
    }

    @Test
    void anEntryNoApprovedNetworkCoversIsNamed() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("10.1.2.0/24", "10.9.9.9/32", "10.1.2.0/23"), List.of(),
                RelayDrift.approved("10.1.2.0/24"), BreadthLimit.DEFAULT);
        // 10.1.2.0/23: broader than the limit, and than the approved /24 (so not covered)
        assertThat(problems(f)).containsExactly("unapproved 10.9.9.9/32", "too-broad 10.1.2.0/23", "unapproved 10.1.2.0/23");
        assertThat(f.get(0).detail()).contains("mynetworks in /etc/postfix/main.cf");
    }

    @Test
    void broaderThanTheLimitIsAFindingEvenWhenApproved() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("10.0.0.0/16", "[2001:db8::]/48", "[2001:db8:1::]/64", "192.168.1.0/24"),
                List.of(), RelayDrift.approved("10.0.0.0/8 2001:db8::/32 192.168.0.0/16"), BreadthLimit.DEFAULT);
        assertThat(problems(f)).containsExactly("too-broad 10.0.0.0/16", "too-broad 2001:db8::/48");
        assertThat(f.get(0).detail()).startsWith("/16 is broader than the allowed /24");
    }

    @Test
    void theLimitIsConfigurable() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("10.0.0.0/22"), List.of(), RelayDrift.approved("10.0.0.0/22"),
                new BreadthLimit(22, 64));
        assertThat(f).isEmpty();
        assertThat(problems(RelayDrift.evaluate(trusted("10.0.0.0/22"), List.of(), RelayDrift.approved("10.0.0.0/22"),
                new BreadthLimit(23, 64)))).containsExactly("too-broad 10.0.0.0/22");
        assertThatThrownBy(() -> new BreadthLimit(0, 64)).hasMessageContaining("1-32");
    }

    @Test
    void everythingTrustedIsAnOpenRelayAndOnlyThat() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("0.0.0.0/0", "::/0"), List.of(), RelayDrift.approved("0.0.0.0/0"),
                BreadthLimit.DEFAULT);
        assertThat(problems(f)).containsExactly("open-relay 0.0.0.0/0", "open-relay ::/0");
        assertThat(f.get(0).detail()).contains("anyone can relay");
    }

    @Test
    void theServersOwnLoopbackIsImplicitlyApprovedButOtherLoopbackIsNot() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("127.0.0.0/8", "::1", "127.0.0.10/32"), List.of(), List.of(),
                BreadthLimit.DEFAULT);
        assertThat(problems(f)).containsExactly("unapproved 127.0.0.10/32");
    }

    @Test
    void exclusionsNarrowAndAreSkipped_unresolvedPartsAreUnreadable() {
        List<DriftFinding> f = RelayDrift.evaluate(trusted("!10.1.2.9", "10.1.2.0/24"),
                List.of(new Unresolved("ldap:/etc/postfix/relays.cf", "mynetworks in /etc/postfix/main.cf", "ldap tables cannot be listed")),
                RelayDrift.approved("10.1.2.0/24"), BreadthLimit.DEFAULT);
        assertThat(problems(f)).containsExactly("unreadable ldap:/etc/postfix/relays.cf");
        assertThat(f.get(0).detail()).contains("ldap tables cannot be listed");
    }

    @Test
    void aBadApprovedEntryIsAnError() {
        assertThatThrownBy(() -> RelayDrift.approved(List.of("10.0.0.0/33"))).hasMessageStartingWith("approved_relays: ");
    }

    @Test
    void thePlatformListIsAuditedTooWithoutRepeatingWhatMainCfShares() {
        List<TrustEntry> zimbra = new ArrayList<>();
        for (String e : List.of("127.0.0.0/8", "10.1.2.0/24", "10.7.0.0/16")) {
            zimbra.add(new TrustEntry(Cidr.parse(e), false, "zimbraMtaMyNetworks (this server, zmprov)"));
        }
        org.quench.mail.trust.EffectiveTrust trust = new org.quench.mail.trust.EffectiveTrust("127.0.0.0/8 10.1.2.0/24 10.9.9.9",
                "/opt/zimbra/common/conf/main.cf", "subnet", trusted("127.0.0.0/8", "10.1.2.0/24", "10.9.9.9"), List.of(),
                new org.quench.mail.trust.PlatformTrust("zimbra", "zimbraMtaMyNetworks", "server", "127.0.0.0/8, 10.1.2.0/24, 10.7.0.0/16",
                        zimbra, List.of(new Unresolved("ldap:/x", "zimbraMtaMyNetworks (this server, zmprov)", "an LDAP lookup")), null));
        List<DriftFinding> f = RelayDrift.evaluate(trust, RelayDrift.approved("10.1.2.0/24"), BreadthLimit.DEFAULT);
        // main.cf's hand-added 10.9.9.9, then what only the platform list holds (zmconfigd will write it to main.cf)
        assertThat(problems(f)).containsExactly("unapproved 10.9.9.9/32", "too-broad 10.7.0.0/16", "unapproved 10.7.0.0/16",
                "unreadable ldap:/x");
        assertThat(f.get(1).detail()).contains("zimbraMtaMyNetworks");
        assertThat(f.get(0).detail()).contains("main.cf");
    }
}
