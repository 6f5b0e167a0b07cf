package org.quench.mail.contain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quench.mail.contain.PlatformPlansTest.host;
import static org.quench.mail.contain.PlatformPlansTest.plan;

/**
 * postfix.freeze-outbound and postfix.thaw-outbound, string for string per platform: Postfix,
 * BlueMind and Plesk edit defer_transports with postconf (none manages that key in the reference);
 * Zimbra is refused with the manual instruction (zmconfigd regenerates main.cf).
 */
class FreezePlansTest {
    static final String BACKUP = "c=$(postconf -h config_directory) || exit 1; s=.quench-$(date +%Y%m%dT%H%M%S)-$$; "
            + "for f in \"$c/main.cf\" '/var/lib/quench/freeze-outbound.state'; do case $f in *[[:space:]]*) echo \"white space in $f\" >&2; exit 2;; esac; "
            + "if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$f$s\" || exit 1; echo \"saved $f $f$s\"; "
            + "else echo \"absent $f\"; fi; done";
    static final Map<String, Object> UNSET = Map.of("set", false, "value", "");
    static final List<String> FREEZE_FROM_UNSET = List.of(
            BACKUP,
            "mkdir -p '/var/lib/quench' && umask 077 && cat > '/var/lib/quench/freeze-outbound.state'"
                    + "   <<< the freeze state: previous=unset, deferred=smtp relay",
            "postconf -e 'defer_transports = smtp relay'",
            "postfix check",
            "postconf -h defer_transports",
            "postfix reload");

    @Test
    void postfixBlueMindAndPleskDeferTheRemoteTransportsWithPostconf() {
        for (String platform : List.of("postfix", "bluemind", "plesk")) {
            assertThat(plan(new FreezeOutboundModule(), host("platform", platform), "transports", List.of("smtp", "relay"),
                    "previous", UNSET)).as(platform).containsExactlyElementsOf(FREEZE_FROM_UNSET);
        }
    }

    @Test
    void aPresetValueIsKeptAndRecorded() {
        assertThat(plan(new FreezeOutboundModule(), host(), "transports", "smtp relay", "previous",
                Map.of("set", true, "value", "uucp"))).contains(
                "mkdir -p '/var/lib/quench' && umask 077 && cat > '/var/lib/quench/freeze-outbound.state'"
                        + "   <<< the freeze state: previous=set:uucp, deferred=smtp relay",
                "postconf -e 'defer_transports = uucp smtp relay'");
    }

    @Test
    void zimbraIsAManualStep() {
        assertThatThrownBy(() -> plan(new FreezeOutboundModule(), host("platform", "zimbra"), "transports", "smtp", "previous", UNSET))
                .hasMessageContaining("zmconfigd").hasMessageContaining("postconf -e 'defer_transports = smtp'");
        assertThatThrownBy(() -> plan(new ThawOutboundModule(), host("platform", "zimbra"), "state",
                Map.of("present", true, "previous", UNSET))).hasMessageContaining("postconf -X defer_transports");
    }

    @Test
    void freezeRefusesBadInput() {
        assertThatThrownBy(() -> plan(new FreezeOutboundModule(), host(), "transports", List.of(), "previous", UNSET))
                .hasMessageContaining("nothing to freeze");
        assertThatThrownBy(() -> plan(new FreezeOutboundModule(), host(), "transports", "smtp;reboot", "previous", UNSET))
                .hasMessageContaining("not a master.cf service name");
        assertThatThrownBy(() -> plan(new FreezeOutboundModule(), host(), "transports", "smtp"))
                .hasMessageContaining("`previous` is required");
    }

    @Test
    void thawRestoresUnsetWithDashX() {
        assertThat(plan(new ThawOutboundModule(), host("platform", "bluemind"), "state", Map.of("present", true, "previous", UNSET)))
                .containsExactly(BACKUP, "postconf -X defer_transports", "rm -f -- '/var/lib/quench/freeze-outbound.state'",
                        "postfix check", "postconf -n defer_transports", "postfix reload", "postqueue -f");
    }

    @Test
    void thawRestoresAValueOrAnEmptySetting() {
        assertThat(plan(new ThawOutboundModule(), host("platform", "plesk"), "state",
                Map.of("present", true, "previous", Map.of("set", true, "value", "uucp")))).contains("postconf -e 'defer_transports = uucp'");
        assertThat(plan(new ThawOutboundModule(), host(), "state",
                Map.of("present", true, "previous", Map.of("set", true, "value", "")))).contains("postconf -e 'defer_transports = '");
    }

    @Test
    void thawWithoutARecordedFreezeRefusesUnlessToldTheValue() {
        assertThatThrownBy(() -> plan(new ThawOutboundModule(), host(), "state", Map.of("present", false)))
                .hasMessageContaining("no freeze is recorded on this host").hasMessageContaining("restore=unset");
        assertThat(plan(new ThawOutboundModule(), host(), "state", Map.of("present", false), "restore", "unset"))
                .contains("postconf -X defer_transports");
        assertThat(plan(new ThawOutboundModule(), host(), "state", Map.of("present", false), "restore", "uucp"))
                .contains("postconf -e 'defer_transports = uucp'");
    }
}
