package org.quench.mail.contain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quench.mail.contain.PlatformPlansTest.host;
import static org.quench.mail.contain.PlatformPlansTest.plan;

/**
 * postfix.rate-limit-outbound and postfix.lift-rate-limit, string for string per platform:
 * Postfix, BlueMind and Plesk set the per-transport rate delays with postconf; Zimbra is refused
 * with the manual instruction (zmconfigd regenerates main.cf; cbpolicyd holds per-sender quotas).
 */
class RateLimitPlansTest {
    static final String BACKUP = FreezePlansTest.BACKUP.replace("freeze-outbound.state", "rate-limit-outbound.state");
    static final Map<String, Object> UNSET = Map.of("set", false, "value", "");
    static final Map<String, Object> CURRENT = Map.of("smtp_destination_rate_delay", UNSET,
            "relay_destination_rate_delay", Map.of("set", true, "value", "5s"));

    @Test
    void postfixBlueMindAndPleskSetTheRateDelayOfEachRemoteTransport() {
        for (String platform : List.of("postfix", "bluemind", "plesk")) {
            assertThat(plan(new RateLimitOutboundModule(), host("platform", platform), "transports", List.of("smtp", "relay"),
                    "delay", Duration.ofSeconds(2), "current", CURRENT)).as(platform).containsExactly(
                    BACKUP,
                    "mkdir -p '/var/lib/quench' && umask 077 && cat > '/var/lib/quench/rate-limit-outbound.state'"
                            + "   <<< the rate-limit record: delay=2s, previous values of smtp_destination_rate_delay, relay_destination_rate_delay",
                    "postconf -e 'smtp_destination_rate_delay = 2s'",
                    "postconf -e 'relay_destination_rate_delay = 2s'",
                    "postfix check",
                    "postconf -h smtp_destination_rate_delay relay_destination_rate_delay",
                    "postfix reload");
        }
    }

    @Test
    void liftRestoresEachRecordedValueExactly() {
        Map<String, Object> state = Map.of("present", true, "delay", "2s", "previous", CURRENT);
        List<String> p = plan(new LiftRateLimitModule(), host(), "state", state);
        assertThat(p).contains("postconf -X smtp_destination_rate_delay", "postconf -e 'relay_destination_rate_delay = 5s'",
                "rm -f -- '/var/lib/quench/rate-limit-outbound.state'", "postfix check", "postfix reload");
        assertThat(p.get(0)).isEqualTo(BACKUP);
    }

    @Test
    void zimbraIsAManualStep() {
        assertThatThrownBy(() -> plan(new RateLimitOutboundModule(), host("platform", "zimbra"), "transports", "smtp",
                "delay", "2s", "current", Map.of("smtp_destination_rate_delay", UNSET)))
                .hasMessageContaining("zmconfigd").hasMessageContaining("cbpolicyd")
                .hasMessageContaining("postconf -e 'smtp_destination_rate_delay = 2s'");
        assertThatThrownBy(() -> plan(new LiftRateLimitModule(), host("platform", "zimbra"), "state",
                Map.of("present", true, "delay", "2s", "previous", Map.of("smtp_destination_rate_delay", UNSET))))
                .hasMessageContaining("postconf -X smtp_destination_rate_delay");
    }

    @Test
    void refusesBadInput() {
        Map<String, Object> cur = Map.of("smtp_destination_rate_delay", UNSET);
        assertThatThrownBy(() -> plan(new RateLimitOutboundModule(), host(), "transports", "smtp", "delay", "500ms", "current", cur))
                .hasMessageContaining("whole seconds from 1s to 1h");
        assertThatThrownBy(() -> plan(new RateLimitOutboundModule(), host(), "transports", "smtp", "delay", "2h", "current", cur))
                .hasMessageContaining("whole seconds from 1s to 1h");
        assertThatThrownBy(() -> plan(new RateLimitOutboundModule(), host(), "transports", "smtp;reboot", "delay", "2s", "current", cur))
                .hasMessageContaining("not a master.cf service name");
        assertThatThrownBy(() -> plan(new RateLimitOutboundModule(), host(), "transports", "relay", "delay", "2s", "current", cur))
                .hasMessageContaining("but the transports give");
        assertThatThrownBy(() -> plan(new LiftRateLimitModule(), host(), "state", Map.of("present", false)))
                .hasMessageContaining("no rate limit is recorded");
    }

    @Test
    void theRecordRoundTrips() {
        RateLimitState s = new RateLimitState(Map.of("smtp_destination_rate_delay", MainCfSetting.UNSET,
                "relay_destination_rate_delay", new MainCfSetting(true, "")), "3s");
        assertThat(RateLimitState.parse(s.render())).isEqualTo(s);
        assertThatThrownBy(() -> RateLimitState.parse("delay=2s\nfoo=bar\n")).hasMessageContaining("unexpected line");
        assertThat(RateLimitState.ofPostconfN(List.of("smtp_destination_rate_delay", "relay_destination_rate_delay"),
                "relay_destination_rate_delay = 1s\n")).containsEntry("smtp_destination_rate_delay", MainCfSetting.UNSET)
                .containsEntry("relay_destination_rate_delay", new MainCfSetting(true, "1s"));
    }
}
