package org.quench.mail.contain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quench.mail.contain.PlatformPlansTest.host;
import static org.quench.mail.contain.PlatformPlansTest.plan;

/**
 * postfix.untrust-ip, string for string per platform: for BlueMind, Zimbra and Plesk, which cannot
 * run here, this is the contract against their documented CLIs (reference §0, §3.2-3.3, §4.2, §5).
 */
class UntrustPlansTest {
    static final String BACKUP = "c=$(postconf -h config_directory) || exit 1; s=.quench-$(date +%Y%m%dT%H%M%S)-$$; "
            + "for f in \"$c/main.cf\"; do case $f in *[[:space:]]*) echo \"white space in $f\" >&2; exit 2;; esac; "
            + "if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$f$s\" || exit 1; echo \"saved $f $f$s\"; "
            + "else echo \"absent $f\"; fi; done";

    @Test
    void postfixPutsAnExclusionFirstWithTheExactValue() {
        assertThat(plan(new UntrustIpModule(), host("platform", "postfix"), "ips", "127.0.0.20",
                "current", "127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29")).containsExactly(
                BACKUP,
                "postconf -e 'mynetworks = !127.0.0.20, 127.0.0.1/32, 127.0.0.10/32, 127.0.0.16/29'",
                "postfix check",
                "postconf -h mynetworks",
                "postfix reload");
    }

    @Test
    void postfixWithoutTheCurrentValueWorksItOutOnTheHost() {
        assertThat(plan(new UntrustIpModule(), host(), "ips", "2001:db8::9")).containsExactly(
                BACKUP,
                "IFS= read -r v || exit 97; postconf -e \"mynetworks = $v\"   <<< ![2001:db8::9], then the current value",
                "postfix check",
                "postconf -h mynetworks",
                "postfix reload");
    }

    @Test
    void severalAddressesGoInOneChange() {
        assertThat(plan(new UntrustIpModule(), host(), "ips", List.of("127.0.0.20", "127.0.0.21", "127.0.0.20"),
                "current", "127.0.0.16/29")).contains("postconf -e 'mynetworks = !127.0.0.20, !127.0.0.21, 127.0.0.16/29'");
        assertThat(plan(new UntrustIpModule(), host("platform", "bluemind"), "ips", "10.0.0.9 10.0.0.200",
                "current", "10.0.0.0/24")).containsExactly("bm-cli sysconf set mynetworks --value '10.0.0.0/29, 10.0.0.8/32,"
                + " 10.0.0.10/31, 10.0.0.12/30, 10.0.0.16/28, 10.0.0.32/27, 10.0.0.64/26, 10.0.0.128/26, 10.0.0.192/29,"
                + " 10.0.0.201/32, 10.0.0.202/31, 10.0.0.204/30, 10.0.0.208/28, 10.0.0.224/27'");
    }

    @Test
    void postfixKeepsReferencesAsWritten() {
        assertThat(plan(new UntrustIpModule(), host(), "ips", "10.0.0.9", "current", "$office, cidr:/etc/postfix/relays"))
                .contains("postconf -e 'mynetworks = !10.0.0.9, $office, cidr:/etc/postfix/relays'");
    }

    @Test
    void blueMindSplitsTheNetworkThroughSysconf() {
        assertThat(plan(new UntrustIpModule(), host("platform", "bluemind"), "ips", "10.0.0.9",
                "current", "127.0.0.0/8, 192.0.2.10/32, 10.0.0.0/24")).containsExactly(
                "bm-cli sysconf set mynetworks --value '127.0.0.0/8, 192.0.2.10/32, 10.0.0.0/29, 10.0.0.8/32, 10.0.0.10/31,"
                        + " 10.0.0.12/30, 10.0.0.16/28, 10.0.0.32/27, 10.0.0.64/26, 10.0.0.128/25'");
        assertThat(plan(new UntrustIpModule(), host("platform", "bluemind"), "ips", "192.0.2.10",
                "current", "127.0.0.0/8, 192.0.2.10/32")).containsExactly("bm-cli sysconf set mynetworks --value '127.0.0.0/8'");
    }

    @Test
    void blueMindRefusesWhatItWouldReAdd() {
        assertThatThrownBy(() -> plan(new UntrustIpModule(), host("platform", "bluemind"), "ips", "127.0.0.20", "current", "127.0.0.0/8"))
                .hasMessageContaining("re-adds 127.0.0.0/8");
        assertThatThrownBy(() -> plan(new UntrustIpModule(), host("platform", "bluemind"), "ips", "10.0.0.9"))
                .hasMessageContaining("`current` is required");
        assertThatThrownBy(() -> plan(new UntrustIpModule(), host("platform", "bluemind"), "ips", "10.0.1.9", "current", "10.0.0.0/24"))
                .hasMessageContaining("is not in BlueMind's mynetworks");
    }

    @Test
    void zimbraSetsTheAttributeWhereItWasReadThenReloadsAsZimbra() {
        assertThat(plan(new UntrustIpModule(), host("platform", "zimbra"), "ips", "10.0.0.9",
                "current", "127.0.0.0/8, 10.0.0.8/30", "scope", "server")).containsExactly(
                "su - zimbra -c '/opt/zimbra/bin/zmprov ms \"$(/opt/zimbra/bin/zmhostname)\" zimbraMtaMyNetworks "
                        + "'\\''127.0.0.0/8 10.0.0.8/32 10.0.0.10/31'\\'''",
                "su - zimbra -c '/opt/zimbra/bin/postfix reload'");
        assertThat(plan(new UntrustIpModule(), host("platform", "zimbra"), "ips", "10.0.0.9",
                "current", "127.0.0.0/8 [2001:db8::]/126 10.0.0.9/32")).containsExactly(
                "su - zimbra -c '/opt/zimbra/bin/zmprov mcf zimbraMtaMyNetworks '\\''127.0.0.0/8 [2001:db8::]/126'\\'''",
                "su - zimbra -c '/opt/zimbra/bin/postfix reload'");
    }

    @Test
    void zimbraRefusesListsItCannotReadEntryByEntry() {
        assertThatThrownBy(() -> plan(new UntrustIpModule(), host("platform", "zimbra"), "ips", "10.0.0.9",
                "current", "127.0.0.0/8, /opt/zimbra/conf/relays, 10.0.0.0/24")).hasMessageContaining("not a network");
        assertThatThrownBy(() -> plan(new UntrustIpModule(), host("platform", "zimbra"), "ips", "10.0.0.9",
                "current", "10.0.0.0/24", "scope", "cluster")).hasMessageContaining("`scope`");
    }

    @Test
    void pleskGetsTheManualInstructionNotAGuess() {
        assertThatThrownBy(() -> plan(new UntrustIpModule(), host("platform", "plesk"), "ips", "10.0.0.9"))
                .hasMessage("postfix.untrust-ip: on Plesk remove 10.0.0.9 (or the network that holds it) from Tools & Settings >"
                        + " Mail Server Settings > White List by hand — no verified Plesk CLI edits the White List, so quench does"
                        + " not guess one; if the White List holds a network, replace it with the networks around 10.0.0.9 so its"
                        + " neighbours stay trusted");
    }

    @Test
    void hostileOrUnsafeAddressesNeverReachAPlan() {
        for (String bad : List.of("$(reboot)", "10.0.0.0/24", "127.0.0.1", "::1", "host.example", "10.0.0.9; rm -rf /")) {
            assertThatThrownBy(() -> plan(new UntrustIpModule(), host(), "ips", List.of(bad))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void listEditKeepsOtherEntriesAsWritten() {
        TrustedListEdit.Result r = TrustedListEdit.without("127.0.0.1/32, 127.0.0.10/32 127.0.0.16/29", org.quench.mail.trust.Cidr.parse("127.0.0.20"));
        assertThat(r.entries()).containsExactly("127.0.0.1/32", "127.0.0.10/32", "127.0.0.16/30", "127.0.0.21/32", "127.0.0.22/31");
        assertThat(r.split()).isEqualTo("127.0.0.16/29");
        assertThatThrownBy(() -> TrustedListEdit.without("10.0.0.1/24", org.quench.mail.trust.Cidr.parse("10.0.0.9")))
                .hasMessageContaining("host bits");
    }
}
