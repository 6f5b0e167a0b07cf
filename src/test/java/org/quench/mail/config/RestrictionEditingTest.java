package org.quench.mail.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Restriction lists as tokens, master.cf overrides, and the backup/restore commands' parsing. */
class RestrictionEditingTest {
    static final List<String> BLOCK = List.of("check_client_access", "cidr:/etc/postfix/b");

    @Test
    void prependKeepsTheRestAndMovesAnExistingBlockToTheFront() {
        assertThat(RestrictionList.parse("").withFirst(BLOCK).mainCfValue()).isEqualTo("check_client_access, cidr:/etc/postfix/b");
        assertThat(RestrictionList.parse("permit_mynetworks,  reject_unknown_client_hostname").withFirst(BLOCK).mainCfValue())
                .isEqualTo("check_client_access, cidr:/etc/postfix/b, permit_mynetworks, reject_unknown_client_hostname");
        assertThat(RestrictionList.parse("permit_sasl_authenticated check_client_access cidr:/etc/postfix/b reject")
                .withFirst(BLOCK).masterCfValue())
                .isEqualTo("check_client_access,cidr:/etc/postfix/b,permit_sasl_authenticated,reject");
        assertThat(RestrictionList.parse("$mua_client_restrictions").withFirst(BLOCK).masterCfValue())
                .isEqualTo("check_client_access,cidr:/etc/postfix/b,$mua_client_restrictions");
        RestrictionList once = RestrictionList.parse("reject").withFirst(BLOCK);
        assertThat(once.withFirst(BLOCK)).isEqualTo(once);
        assertThat(once.startsWith(BLOCK)).isTrue();
        assertThat(once.without(BLOCK).mainCfValue()).isEqualTo("reject");
        // another table after the same keyword is not ours
        assertThat(RestrictionList.parse("check_client_access cidr:/etc/postfix/other").startsWith(BLOCK)).isFalse();
    }

    @Test
    void groupedValuesAreNotRewritten() {
        assertThatThrownBy(() -> RestrictionList.parse("check_policy_service { inet:127.0.0.1:9998, timeout=10s }"))
                .hasMessageContaining("{ } grouping");
    }

    @Test
    void effectiveRestrictionReadsMainCfAndEveryOverride() {
        String read = "permit_mynetworks, reject_rbl_client zen.example\n"
                + "relay/unix/syslog_name = postfix/$service_name\n"
                + "submission/inet/smtpd_client_restrictions = permit_sasl_authenticated,reject\n"
                + "submission/inet/smtpd_relay_restrictions = permit_sasl_authenticated,reject\n"
                + "127.0.0.1:smtps/inet/smtpd_client_restrictions = check_client_access,cidr:/etc/postfix/b,$mua_client_restrictions\n"
                + "other/inet/smtpd_client_restrictions =\n";
        EffectiveRestriction r = EffectiveRestriction.parse("smtpd_client_restrictions", read);
        assertThat(r.main()).isEqualTo("permit_mynetworks, reject_rbl_client zen.example");
        assertThat(r.overrides()).containsExactly(Map.entry("submission/inet", "permit_sasl_authenticated,reject"),
                Map.entry("127.0.0.1:smtps/inet", "check_client_access,cidr:/etc/postfix/b,$mua_client_restrictions"),
                Map.entry("other/inet", ""));
        assertThat(r.placement(BLOCK)).containsExactly(Map.entry("main.cf", false), Map.entry("submission/inet", false),
                Map.entry("127.0.0.1:smtps/inet", true), Map.entry("other/inet", false));
        assertThat(r.firstEverywhere(BLOCK)).isFalse();
        assertThat(r.mainWithFirst(BLOCK))
                .isEqualTo("check_client_access, cidr:/etc/postfix/b, permit_mynetworks, reject_rbl_client, zen.example");
        assertThat(r.overridesWithFirst(BLOCK)).containsExactly(
                "submission/inet/smtpd_client_restrictions=check_client_access,cidr:/etc/postfix/b,permit_sasl_authenticated,reject",
                "other/inet/smtpd_client_restrictions=check_client_access,cidr:/etc/postfix/b");
        EffectiveRestriction done = EffectiveRestriction.parse("smtpd_client_restrictions", "check_client_access cidr:/etc/postfix/b\n");
        assertThat(done.firstEverywhere(BLOCK)).isTrue();
        assertThat(done.mainWithFirst(BLOCK)).isNull();
        assertThat(done.overridesWithFirst(BLOCK)).isEmpty();
        assertThatThrownBy(() -> EffectiveRestriction.readCommand("mynetworks; id")).hasMessageContaining("not a restriction list");
    }

    @Test
    void backupOutputAndRestoreCommand() {
        ConfigBackup.Backups b = ConfigBackup.parse("saved /etc/postfix/main.cf /etc/postfix/main.cf.quench-20260101T101010-42\n"
                + "saved /etc/postfix/master.cf /etc/postfix/master.cf.quench-20260101T101010-42\n"
                + "absent /etc/postfix/quench-blocked-clients\n");
        assertThat(b.paths()).containsExactly("/etc/postfix/main.cf.quench-20260101T101010-42",
                "/etc/postfix/master.cf.quench-20260101T101010-42");
        assertThat(b.restoreCommand()).isEqualTo("r=0; "
                + "{ cp -p -- '/etc/postfix/main.cf.quench-20260101T101010-42' '/etc/postfix/main.cf'.quench-restore && mv -f -- "
                + "'/etc/postfix/main.cf'.quench-restore '/etc/postfix/main.cf'; } || r=1; "
                + "{ cp -p -- '/etc/postfix/master.cf.quench-20260101T101010-42' '/etc/postfix/master.cf'.quench-restore && mv -f -- "
                + "'/etc/postfix/master.cf'.quench-restore '/etc/postfix/master.cf'; } || r=1; "
                + "{ rm -f -- '/etc/postfix/quench-blocked-clients'; } || r=1; exit $r");
        assertThatThrownBy(() -> ConfigBackup.parse("saved /a b c\n")).hasMessageContaining("unexpected backup output");
    }
}
