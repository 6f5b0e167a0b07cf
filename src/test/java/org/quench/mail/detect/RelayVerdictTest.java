package org.quench.mail.detect;

import org.junit.jupiter.api.Test;
import org.quench.mail.activity.RelayActivity;
import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.TrustEntry;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RelayVerdictTest {
    static final String MAIN = "mynetworks in /etc/postfix/main.cf";
    static final EffectiveTrust TRUST = new EffectiveTrust("127.0.0.1/32, 127.0.0.16/29", "/etc/postfix/main.cf", "host",
            List.of(new TrustEntry(Cidr.parse("127.0.0.1/32"), false, MAIN), new TrustEntry(Cidr.parse("127.0.0.16/29"), false, MAIN)),
            List.of(), null);
    static final RelayVerdict.Thresholds T = new RelayVerdict.Thresholds(10, 10);
    static final Set<String> LOCAL = Set.of("example.test");

    static RelayActivity activity(String ip, long messages, int remote, Set<String> senderDomains) {
        return new RelayActivity(ip, messages, remote, false, remote, false, 0, remote, 0, senderDomains, 0, Set.of(),
                Set.of("postfix/smtpd"), null, null);
    }

    @Test
    void volumeWithForgedSendersIsFlaggedEvenInsideAnApprovedCidr() {
        RelayActivity a = activity("127.0.0.20", 30, 30, Set.of("forged-bank.test", "example.test"));
        RelayVerdict v = RelayVerdict.judge(a, a, new QueuedFromIp.Summary(30, Set.of("printer-07")), TRUST,
                List.of(Cidr.parse("127.0.0.16/29")), true, LOCAL, T);
        assertThat(v.flagged()).isTrue();
        assertThat(v.approved()).isTrue();
        assertThat(v.foreignSenderDomains()).containsExactly("forged-bank.test");
        assertThat(v.why()).isEqualTo("127.0.0.20 relays through 127.0.0.16/29 from " + MAIN + ": 30 unauthenticated message(s);"
                + " envelope senders from 1 domain(s) the server does not host: forged-bank.test; 30 remote recipients");
        assertThat(v.toMap()).containsEntry("insideCidr", "127.0.0.16/29").containsEntry("queued", 30);
    }

    @Test
    void aQuietApprovedNeighbourIsNotFlagged() {
        RelayActivity a = activity("127.0.0.17", 2, 2, Set.of("example.test"));
        assertThat(RelayVerdict.judge(a, a, null, TRUST, List.of(Cidr.parse("127.0.0.16/29")), true, LOCAL, T).flagged()).isFalse();
        RelayActivity busy = activity("127.0.0.17", 500, 3, Set.of("example.test"));
        assertThat(RelayVerdict.judge(busy, busy, null, TRUST, List.of(Cidr.parse("127.0.0.16/29")), true, LOCAL, T).flagged())
                .as("volume alone from an approved relay sending as the organisation").isFalse();
    }

    @Test
    void anUnapprovedTrustedIpWithVolumeIsFlagged() {
        RelayActivity a = activity("127.0.0.18", 12, 1, Set.of("example.test"));
        RelayVerdict v = RelayVerdict.judge(a, a, null, TRUST, List.of(Cidr.parse("127.0.0.1/32")), true, LOCAL, T);
        assertThat(v.flagged()).isTrue();
        assertThat(v.reasons()).contains("not in approved_relays");
    }

    @Test
    void theServerItselfIsNeverFlagged() {
        RelayActivity a = activity("127.0.0.1", 900, 900, Set.of("forged.test"));
        assertThat(RelayVerdict.judge(a, a, null, TRUST, List.of(), false, LOCAL, T).flagged()).isFalse();
    }
}
