package org.quench.mail.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OpenRelayTest {
    private static final String LAB_OVERRIDES = "submission/inet/smtpd_relay_restrictions = permit_sasl_authenticated,reject\n"
            + "submission/inet/smtpd_client_restrictions = permit_sasl_authenticated,reject\n";

    @Test
    void theLabsSettingsAreClosed() {
        String out = "relay=permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\nrecipient=\n" + LAB_OVERRIDES;
        assertThat(OpenRelay.evaluate(out)).isEmpty();
    }

    @Test
    void aPermitBeforeRejectUnauthDestinationInBothListsIsOpen() {
        String out = "relay=permit_mynetworks, permit, reject_unauth_destination\nrecipient=permit_mynetworks\n";
        assertThat(OpenRelay.evaluate(out)).singleElement().satisfies(d -> {
            assertThat(d.problem()).isEqualTo(DriftFinding.OPEN_RELAY);
            assertThat(d.entry()).startsWith("main.cf smtpd_relay_restrictions=permit_mynetworks, permit");
        });
    }

    @Test
    void eitherListRejectingClosesTheRelay() {
        assertThat(OpenRelay.evaluate("relay=permit\nrecipient=permit_mynetworks, reject_unauth_destination, permit\n")).isEmpty();
        assertThat(OpenRelay.evaluate("relay=\nrecipient=check_client_access hash:/etc/postfix/ok, defer_unauth_destination\n")).isEmpty();
    }

    @Test
    void bothListsEmptyLetEveryoneThrough() {
        assertThat(OpenRelay.evaluate("relay=\nrecipient=\n")).hasSize(1);
    }

    @Test
    void aServiceOverrideCanOpenWhatMainCfCloses() {
        String out = "relay=permit_mynetworks, reject_unauth_destination\nrecipient=\n" + LAB_OVERRIDES
                + "smtp/inet/smtpd_relay_restrictions = permit_mynetworks,permit\n";
        assertThat(OpenRelay.evaluate(out)).extracting(DriftFinding::entry)
                .containsExactly("smtp/inet smtpd_relay_restrictions=permit_mynetworks,permit");
    }

    @Test
    void unparsableGroupingIsReportedNotGuessed() {
        assertThat(OpenRelay.evaluate("relay={ permit }\nrecipient=\n")).extracting(DriftFinding::problem)
                .containsExactly(DriftFinding.UNREADABLE);
    }
}
