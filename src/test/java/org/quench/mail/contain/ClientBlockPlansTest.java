package org.quench.mail.contain;

import org.junit.jupiter.api.Test;
import org.quench.engine.ModuleCall;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The exact plans of postfix.block-clients / unblock-clients / blocked-clients, string for string,
 * and every refusal that happens before a single command exists.
 */
class ClientBlockPlansTest {
    static final String BACKUP_ALL = "c=$(postconf -h config_directory) || exit 1; s=.quench-$(date +%Y%m%dT%H%M%S)-$$; "
            + "for f in \"$c/main.cf\" \"$c/master.cf\" '/etc/postfix/quench-blocked-clients'; do case $f in *[[:space:]]*) "
            + "echo \"white space in $f\" >&2; exit 2;; esac; if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$f$s\" || exit 1; "
            + "echo \"saved $f $f$s\"; else echo \"absent $f\"; fi; done";
    static final String WRITE_MAP = "f='/etc/postfix/quench-blocked-clients'; t=$(mktemp \"$f.quench-tmp.XXXXXX\") || exit 1; "
            + "{ if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$t\"; else chmod 644 \"$t\"; fi && cat > \"$t\" && mv -f -- \"$t\" \"$f\"; } "
            + "|| { rm -f -- \"$t\"; exit 1; }";

    static Host host(String... vars) {
        Map<String, Object> v = new HashMap<>();
        for (int i = 0; i < vars.length; i += 2) v.put(vars[i], vars[i + 1]);
        return new Host("mx1", v, List.of());
    }

    static List<String> plan(StepModule module, Host host, Object... args) {
        Map<String, Object> a = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) a.put((String) args[i], args[i + 1]);
        return module.prepare(host, a).commands().stream().map(ModuleCall.PlannedCommand::toString).toList();
    }

    @Test
    void blockOnPostfix() {
        assertThat(plan(new BlockClientsModule(), host("platform", "postfix"), "ips", List.of("203.0.113.7", "2001:DB8:0::1"),
                "reason", "brute force on SMTP AUTH")).containsExactly(
                BACKUP_ALL,
                WRITE_MAP + "   <<< the table's lines, plus `ADDRESS REJECT brute force on SMTP AUTH` for each address not in it yet",
                "IFS= read -r v || exit 97; postconf -e \"smtpd_client_restrictions = $v\"   <<< check_client_access "
                        + "cidr:/etc/postfix/quench-blocked-clients, then the current value (unless it already starts so)",
                "while IFS= read -r o; do postconf -P -e \"$o\" || exit 1; done   <<< SERVICE/TYPE/smtpd_client_restrictions="
                        + "check_client_access,cidr:/etc/postfix/quench-blocked-clients,<its value> for each master.cf service"
                        + " overriding smtpd_client_restrictions (unless it already starts so)",
                "postfix check",
                "postmap -q - 'cidr:/etc/postfix/quench-blocked-clients'   <<< the addresses, one a line",
                "postconf -h smtpd_client_restrictions && postconf -P",
                "postfix reload");
    }

    @Test
    void unblockOnPostfixTouchesOnlyTheTable() {
        assertThat(plan(new UnblockClientsModule(), host(), "ips", "203.0.113.7")).containsExactly(
                "c=$(postconf -h config_directory) || exit 1; s=.quench-$(date +%Y%m%dT%H%M%S)-$$; "
                        + "for f in '/etc/postfix/quench-blocked-clients'; do case $f in *[[:space:]]*) "
                        + "echo \"white space in $f\" >&2; exit 2;; esac; if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$f$s\" || exit 1; "
                        + "echo \"saved $f $f$s\"; else echo \"absent $f\"; fi; done",
                WRITE_MAP + "   <<< the table's lines without those addresses' entries",
                "postfix check",
                "postmap -q - 'cidr:/etc/postfix/quench-blocked-clients'   <<< the addresses, one a line",
                "postfix reload");
    }

    @Test
    void listing() {
        assertThat(plan(new BlockedClientsModule(), host(), "map", "/etc/postfix/blocked")).containsExactly(
                "[ ! -e '/etc/postfix/blocked' ] || cat -- '/etc/postfix/blocked'",
                "postconf -h smtpd_client_restrictions && postconf -P");
    }

    @Test
    void noAddressesNoPlan() {
        assertThat(plan(new BlockClientsModule(), host(), "ips", List.of())).isEmpty();
        assertThat(plan(new BlockClientsModule(), host(), "ips", "[]")).isEmpty();
        assertThat(plan(new UnblockClientsModule(), host(), "ips", "")).isEmpty();
    }

    @Test
    void aNetworkNeedsAllowCidr() {
        assertThatThrownBy(() -> plan(new BlockClientsModule(), host(), "ips", "198.51.100.0/24"))
                .hasMessageContaining("is a network, not one address; set allow_cidr: true");
        assertThat(plan(new BlockClientsModule(), host(), "ips", "198.51.100.0/24", "allow_cidr", "true")).hasSize(8);
        // a /32 is one address
        assertThat(plan(new BlockClientsModule(), host(), "ips", "198.51.100.7/32")).hasSize(8);
        assertThatThrownBy(() -> plan(new BlockClientsModule(), host(), "ips", "198.51.100.7/24", "allow_cidr", "true"))
                .hasMessageContaining("host bits set after /24").hasMessageContaining("198.51.100.0/24");
    }

    @Test
    void hostileAndMalformedAddressesAreRefusedBeforeAnyCommand() {
        for (String bad : List.of("1.2.3.4; touch /tmp/x", "$(reboot)", "1.2.3.4\n5.6.7.8 OK", "256.1.1.1", "1.2.3", "01.2.3.4",
                "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/08", "fe80::1%eth0", "2001:db8::g", "mail.example.com", "::ffff:1.2.3.4",
                "1.2.3.4 OK", "`id`", "")) {
            Object ips = bad.isEmpty() ? List.of("x y") : List.of(bad);
            assertThatThrownBy(() -> new BlockClientsModule().prepare(host(), Map.of("ips", ips)))
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("postfix.block-clients: ");
        }
    }

    @Test
    void theServerItselfApprovedRelaysAndUnspecifiedAreRefused() {
        Host h = new Host("mx1", Map.of("approved_relays", List.of("10.0.0.0/24", "[2001:db8:1::]/48")), List.of());
        for (String p : List.of("127.0.0.1", "::1", "0.0.0.0", "::", "10.0.0.9", "2001:db8:1::5")) {
            assertThatThrownBy(() -> new BlockClientsModule().prepare(h, Map.of("ips", List.of(p))))
                    .as(p).hasMessageContaining("refusing to block");
        }
        assertThatThrownBy(() -> new BlockClientsModule().prepare(h, Map.of("ips", "10.0.0.0/16", "allow_cidr", "yes")))
                .hasMessageContaining("overlaps approved_relays entry 10.0.0.0/24");
        assertThat(plan(new BlockClientsModule(), h, "ips", "10.0.1.9")).hasSize(8);
    }

    @Test
    void otherPlatformsAreRefusedWithWhatToDoInstead() {
        assertThatThrownBy(() -> plan(new BlockClientsModule(), host("platform", "bluemind"), "ips", "203.0.113.7"))
                .hasMessageContaining("refused on bluemind").hasMessageContaining("never hand-edit main.cf")
                .hasMessageContaining("firewall");
        assertThatThrownBy(() -> plan(new BlockClientsModule(), host("platform", "zimbra"), "ips", "203.0.113.7"))
                .hasMessageContaining("refused on zimbra").hasMessageContaining("zmconfigd regenerates main.cf");
        assertThatThrownBy(() -> plan(new UnblockClientsModule(), host("platform", "plesk"), "ips", "203.0.113.7"))
                .hasMessageContaining("refused on plesk").hasMessageContaining("platform: postfix");
        // the engineer's explicit override on a Plesk host they checked
        assertThat(plan(new BlockClientsModule(), host("platform", "plesk"), "ips", "203.0.113.7", "platform", "postfix")).hasSize(8);
    }

    @Test
    void mapPathMustBeAPlainAbsolutePath() {
        for (String bad : List.of("relative/map", "/etc/postfix/a b", "/etc/postfix/a,b", "/etc/postfix/../shadow", "/etc/x;id",
                "/etc/postfix/", "/etc/$(id)")) {
            assertThatThrownBy(() -> plan(new BlockClientsModule(), host(), "ips", "203.0.113.7", "map", bad))
                    .as(bad).hasMessageContaining("`map` must be an absolute file path");
        }
    }

    @Test
    void reasonIsOnePlainLine() {
        assertThat(BlockReason.sanitise("bad guy\nOK\r\n$(id) `x` é \u0000 " + "x".repeat(200)))
                .isEqualTo(("bad guy OK (id) x " + "x".repeat(200)).substring(0, 120));
        assertThat(BlockReason.sanitise(" \n ")).isEqualTo(BlockReason.DEFAULT);
        assertThat(BlockReason.sanitise(null)).isEqualTo(BlockReason.DEFAULT);
        assertThat(plan(new BlockClientsModule(), host(), "ips", "203.0.113.7", "reason", "a\n127.0.0.1 OK").get(1))
                .contains("`ADDRESS REJECT a 127.0.0.1 OK`");
    }
}
