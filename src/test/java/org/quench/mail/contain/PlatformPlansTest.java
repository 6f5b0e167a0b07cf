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
 * The exact plans per platform, string for string: for BlueMind, Zimbra and Plesk, which cannot run
 * here, this is the contract, checked against their documented CLIs (reference §0, §3.2, §4.1, §5).
 * The password never appears in a plan: it is on stdin, described as masked.
 */
class PlatformPlansTest {
    static final String PW = "Zq7-k2:Pw%x9";
    static final String USER = "bob@example.com";

    static Host host(String... vars) {
        Map<String, Object> v = new HashMap<>();
        for (int i = 0; i < vars.length; i += 2) v.put(vars[i], vars[i + 1]);
        return new Host("mx1", v, List.of());
    }

    static List<String> plan(StepModule module, Host host, Object... args) {
        Map<String, Object> a = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) a.put((String) args[i], args[i + 1]);
        List<String> lines = module.prepare(host, a).commands().stream().map(ModuleCall.PlannedCommand::toString).toList();
        assertThat(String.join("\n", lines)).doesNotContain(PW);
        return lines;
    }

    // --- password ------------------------------------------------------------------------------

    @Test
    void passwordOnPostfixDovecotPasswdFile() {
        assertThat(plan(new PasswordModule(), host("platform", "postfix"), "user", USER, "password", PW,
                "passwd_file", "/etc/dovecot/users", "backup_suffix", ".quench-r42")).containsExactly(
                "awk -F: -v u='bob@example.com' '$1 == u { print $2 }' '/etc/dovecot/users'",
                "doveadm pw -s SHA512-CRYPT   <<< new password, twice (masked)",
                "b='/etc/dovecot/users.quench-r42'; [ -e \"$b\" ] || cp -p -- '/etc/dovecot/users' \"$b\" || exit 1; printf '%s\\n' \"$b\"",
                "IFS= read -r QUENCH_HASH || exit 97; export QUENCH_HASH; f='/etc/dovecot/users'; "
                        + "[ \"$(stat -c %Y -- \"$f\")\" != \"$(date +%s)\" ] || sleep 1; t=$(mktemp \"$f.quench-tmp.XXXXXX\") || exit 1; "
                        + "cp -p -- \"$f\" \"$t\" && QUENCH_USER='bob@example.com' awk -F: -v OFS=: '$1 == ENVIRON[\"QUENCH_USER\"] "
                        + "{ $2 = ENVIRON[\"QUENCH_HASH\"]; n++ } { print } END { exit n == 1 ? 0 : 3 }' \"$f\" > \"$t\" "
                        + "&& mv -f -- \"$t\" \"$f\" || { s=$?; rm -f -- \"$t\"; exit $s; }   <<< the new hash",
                "doveadm auth cache flush 'bob@example.com'",
                "awk -F: -v u='bob@example.com' '$1 == u { print $2 }' '/etc/dovecot/users'",
                "doveadm auth test 'bob@example.com'   <<< new password (masked)");
    }

    @Test
    void passwdFileBackupDefaultsToTheHostsDateAndTheFileComesFromTheHostVar() {
        List<String> p = plan(new PasswordModule(), host("passwd_file", "/etc/dovecot/users"), "user", USER, "password", PW);
        assertThat(p.get(2)).isEqualTo("b='/etc/dovecot/users'\".quench-$(date +%Y%m%dT%H%M%S)\"; [ -e \"$b\" ] "
                + "|| cp -p -- '/etc/dovecot/users' \"$b\" || exit 1; printf '%s\\n' \"$b\"");
    }

    @Test
    void passwordOnBlueMind4And5IsTheSameCommand() {
        for (String v : List.of("4.9.1", "5.1")) {
            assertThat(plan(new PasswordModule(), host("platform", "bluemind", "bluemind_version", v), "user", USER, "password", PW))
                    .containsExactly("IFS= read -r NEW_PASSWORD || exit 97; bm-cli user update 'bob@example.com' "
                            + "--password \"$NEW_PASSWORD\"   <<< new password (masked)");
        }
    }

    @Test
    void passwordOnZimbraIsFedToZmprovOnStdin() {
        assertThat(plan(new PasswordModule(), host("platform", "zimbra"), "user", USER, "password", PW))
                .containsExactly("su - zimbra -c '/opt/zimbra/bin/zmprov'   <<< sp bob@example.com new password (masked)");
    }

    @Test
    void zimbraRefusesPasswordsItsStdinTokeniserMightSplit() {
        for (String bad : List.of("two words", "quo'te", "dq\"x", "back\\slash")) {
            assertThatThrownBy(() -> plan(new PasswordModule(), host("platform", "zimbra"), "user", USER, "password", bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zmprov").hasMessageNotContaining(bad);
        }
    }

    @Test
    void passwordOnPleskUsesPsaPassword() {
        assertThat(plan(new PasswordModule(), host("platform", "plesk"), "user", USER, "password", PW))
                .containsExactly("IFS= read -r PSA_PASSWORD || exit 97; export PSA_PASSWORD; "
                        + "plesk bin mail -u 'bob@example.com' -passwd ''   <<< new password (masked)");
    }

    @Test
    void customHookFromTheStepOrTheHostVarWinsOverThePlatform() {
        String expected = "IFS= read -r QUENCH_USER || exit 97; export QUENCH_USER; /usr/local/sbin/ad-reset --stdin"
                + "   <<< QUENCH_USER=bob@example.com, then the new password (masked)";
        assertThat(plan(new PasswordModule(), host("platform", "zimbra"), "user", USER, "password", PW,
                "hook", "/usr/local/sbin/ad-reset --stdin")).containsExactly(expected);
        assertThat(plan(new PasswordModule(), host("platform", "bluemind", "password_hook", "/usr/local/sbin/ad-reset --stdin"),
                "user", USER, "password", PW)).containsExactly(expected);
    }

    @Test
    void aLocalHookRunsOnThisMachineWithTheHostNamedAndBothHooksAtOnceAreRefused() {
        assertThat(plan(new PasswordModule(), host("platform", "postfix", "password_hook_local", "/opt/site/ad-reset"),
                "user", USER, "password", PW)).containsExactly("QUENCH_HOST='mx1'; export QUENCH_HOST; "
                + "IFS= read -r QUENCH_USER || exit 97; export QUENCH_USER; /opt/site/ad-reset"
                + "   <<< on this machine, not the host: QUENCH_USER=bob@example.com, then the new password (masked)");
        assertThatThrownBy(() -> plan(new PasswordModule(), host("password_hook", "/a", "password_hook_local", "/b"),
                "user", USER, "password", PW)).hasMessageContaining("both a host hook (password_hook) and a local hook");
    }

    @Test
    void postfixWithoutPasswdFileIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> plan(new PasswordModule(), host(), "user", USER, "password", PW))
                .hasMessageContaining("passwd_file").hasMessageContaining("password_hook");
    }

    @Test
    void hostileAccountNamesNeverReachAPlan() {
        for (String bad : List.of("*", "a?b@x", "x'$(reboot)'@evil.test", "two words@x", "a\nb")) {
            assertThatThrownBy(() -> plan(new LogoutModule(), host(), "user", bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> plan(new PasswordModule(), host("passwd_file", "/f"), "user", bad, "password", PW))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void backupSuffixCannotCarryThePassword() {
        assertThatThrownBy(() -> plan(new PasswordModule(), host("passwd_file", "/f"), "user", USER, "password", "abcd",
                "backup_suffix", ".x-abcd")).hasMessageContaining("backup_suffix").hasMessageNotContaining("abcd");
    }

    // --- logout and sessions --------------------------------------------------------------------

    @Test
    void logoutPerPlatform() {
        assertThat(plan(new LogoutModule(), host(), "user", USER)).containsExactly("doveadm kick 'bob@example.com'");
        assertThat(plan(new LogoutModule(), host("platform", "plesk"), "user", USER)).containsExactly("doveadm kick 'bob@example.com'");
        assertThat(plan(new LogoutModule(), host("platform", "bluemind"), "user", USER, "bluemind_version", "4.8"))
                .containsExactly("bm-cli user logout 'bob@example.com'");
        assertThat(plan(new LogoutModule(), host("platform", "bluemind", "bluemind_version", "5.0.3"), "user", USER))
                .containsExactly("bm-cli user logout --email 'bob@example.com'");
        assertThat(plan(new LogoutModule(), host("platform", "zimbra"), "user", USER))
                .containsExactly("su - zimbra -c '/opt/zimbra/bin/zmprov fc account '\\''bob@example.com'\\'''");
    }

    @Test
    void blueMindWithoutAVersionIsRefusedNotGuessed() {
        assertThatThrownBy(() -> plan(new LogoutModule(), host("platform", "bluemind"), "user", USER))
                .hasMessageContaining("bluemind_version").hasMessageContaining("does not guess");
    }

    @Test
    void sessionsPerPlatform() {
        assertThat(plan(new SessionsModule(), host(), "user", USER)).containsExactly("doveadm who -1 'bob@example.com'");
        assertThat(plan(new SessionsModule(), host("platform", "bluemind", "bluemind_version", "5"), "user", USER))
                .containsExactly("bm-cli user sessions --json");
        assertThatThrownBy(() -> plan(new SessionsModule(), host("platform", "bluemind", "bluemind_version", "4"), "user", USER))
                .hasMessageContaining("5.x");
        assertThatThrownBy(() -> plan(new SessionsModule(), host("platform", "zimbra"), "user", USER))
                .hasMessageContaining("Zimbra");
    }

    @Test
    void blueMindSessionJsonIsFilteredToTheAccount() throws Exception {
        List<String> ips = new java.util.ArrayList<>();
        int n = SessionsModule.blueMindSessions("""
                [{"email":"bob@example.com","origin":"webmail","remoteAddresses":["203.0.113.9","10.0.0.2"]},
                 {"email":"alice@example.com","remoteAddresses":["198.51.100.1"]},
                 {"email":"BOB@example.com","remoteAddresses":["203.0.113.9"]}]""", USER, ips);
        assertThat(n).isEqualTo(2);
        assertThat(ips).containsExactly("203.0.113.9", "10.0.0.2", "203.0.113.9");
    }

    // --- queue ------------------------------------------------------------------------------------

    @Test
    void queueActionsPutIdsOnStdinAndSummariseThem() {
        List<String> ids = List.of("A1B2C3D4E5", "B2C3D4E5F6", "C3D4E5F6A7", "D4E5F6A7B8");
        assertThat(plan(QueueChangeModule.hold(), host(), "ids", ids))
                .containsExactly("postsuper -h -   <<< 4 queue ids (A1B2C3D4E5, B2C3D4E5F6, C3D4E5F6A7, …)");
        assertThat(plan(QueueChangeModule.release(), host(), "ids", "A1B2C3D4E5"))
                .containsExactly("postsuper -H -   <<< 1 queue id (A1B2C3D4E5)");
        // require_hold (the default): postsuper itself deletes only what is on hold when it runs
        assertThat(plan(QueueChangeModule.delete(), host(), "ids", "[A1B2C3D4E5, B2C3D4E5F6]"))
                .containsExactly("postsuper -d - hold   <<< 2 queue ids (A1B2C3D4E5, B2C3D4E5F6)");
        assertThat(plan(QueueChangeModule.delete(), host(), "ids", "[A1B2C3D4E5]", "require_hold", "false"))
                .containsExactly("postsuper -d -   <<< 1 queue id (A1B2C3D4E5)");
        assertThat(plan(QueueChangeModule.delete(), host(), "ids", List.of())).isEmpty();
    }

    @Test
    void somethingThatIsNotAQueueIdIsRefusedBeforeAnyPlan() {
        assertThatThrownBy(() -> plan(QueueChangeModule.delete(), host(), "ids", List.of("A1B2C3D4E5", "$(reboot)")))
                .hasMessageContaining("not a Postfix queue id").hasMessageContaining("'$(reboot)'");
        assertThatThrownBy(() -> plan(QueueChangeModule.delete(), host(), "ids", "ALL"))
                .hasMessageContaining("not a Postfix queue id");
    }

    @Test
    void evidenceSamplesEvenlyAcrossTheSelection() {
        assertThat(QueueEvidenceModule.spread(List.of("a", "b", "c", "d", "e", "f", "g", "h"), 4)).containsExactly("a", "c", "e", "g");
        assertThat(QueueEvidenceModule.spread(List.of("a", "b"), 20)).containsExactly("a", "b");
    }
}
