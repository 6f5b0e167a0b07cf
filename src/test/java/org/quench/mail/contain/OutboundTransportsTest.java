package org.quench.mail.contain;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which transports a freeze defers, the defer_transports reading and the state file. */
class OutboundTransportsTest {
    static final String LAB_MASTER = """
            smtp       inet  n       -       n       -       -       smtpd
            pickup     unix  n       -       n       60      1       pickup
            qmgr       unix  n       -       n       300     1       qmgr
            smtp       unix  -       -       n       -       -       smtp
            relay      unix  -       -       n       -       -       smtp -o syslog_name=postfix/$service_name
            error      unix  -       -       n       -       -       error
            local      unix  -       n       n       -       -       local
            virtual    unix  -       n       n       -       -       virtual
            lmtp       unix  -       -       n       -       -       lmtp
            maildrop   unix  -       n       n       -       -       pipe flags=DRXhu user=vmail argv=/usr/bin/maildrop -d ${recipient}
            submission inet  n       -       n       -       -       smtpd -o syslog_name=postfix/submission
            """;

    @Test
    void theSmtpClientServicesAreRemoteAndLocalDeliveryIsKept() {
        OutboundTransports t = OutboundTransports.of(LAB_MASTER, "relay/unix/syslog_name = postfix/$service_name\n", "");
        assertThat(t.remote()).containsExactly("smtp", "relay");
        assertThat(t.kept()).containsOnlyKeys("local", "virtual", "lmtp", "maildrop");
        assertThat(t.kept().get("lmtp")).contains("local mailbox store");
    }

    @Test
    void contentFilterHopsAreNotDeferredWhereverTheFilterIsNamed() {
        String master = LAB_MASTER + """
                smtp-amavis unix -      -       n       -       2       smtp -o smtp_data_done_timeout=1200
                outbound   unix  -       -       n       -       -       smtp -o smtp_helo_name=out.example.test
                dkim-hop   unix  -       -       n       -       -       smtp
                127.0.0.1:10025 inet n  -       n       -       -       smtpd -o content_filter=
                """;
        OutboundTransports t = OutboundTransports.of(master,
                "submission/inet/content_filter = dkim-hop:[127.0.0.1]:10030\n", "smtp-amavis:[127.0.0.1]:10024");
        assertThat(t.remote()).containsExactly("smtp", "relay", "outbound");
        assertThat(t.kept().get("smtp-amavis")).contains("content filter");
        assertThat(t.kept().get("dkim-hop")).contains("content filter");
    }

    @Test
    void noSmtpClientMeansNothingToFreeze() {
        assertThat(OutboundTransports.of("local unix - n n - - local\n", "", "").remote()).isEmpty();
    }

    @Test
    void unsetIsToldApartFromEmpty() {
        assertThat(DeferTransports.ofPostconfN("")).isEqualTo(DeferTransports.UNSET);
        assertThat(DeferTransports.ofPostconfN("defer_transports =\n")).isEqualTo(new DeferTransports(true, ""));
        assertThat(DeferTransports.ofPostconfN("defer_transports = uucp smtp\n").names()).containsExactly("uucp", "smtp");
        assertThatThrownBy(() -> DeferTransports.ofPostconfN("mynetworks = 1")).hasMessageContaining("unexpected");
        assertThat(DeferTransports.ofArgument(Map.of("set", false, "value", ""))).isEqualTo(DeferTransports.UNSET);
        assertThat(DeferTransports.ofArgument(Map.of("set", true, "value", ""))).isEqualTo(new DeferTransports(true, ""));
        assertThat(DeferTransports.ofArgument("unset")).isEqualTo(DeferTransports.UNSET);
        assertThat(DeferTransports.ofArgument("uucp")).isEqualTo(new DeferTransports(true, "uucp"));
    }

    @Test
    void freezingKeepsWhatWasDeferredAlready() {
        assertThat(new DeferTransports(true, "uucp, smtp").with(java.util.List.of("smtp", "relay"))).isEqualTo("uucp smtp relay");
        assertThat(DeferTransports.UNSET.with(java.util.List.of("smtp", "relay"))).isEqualTo("smtp relay");
    }

    @Test
    void theStateFileRoundTripsUnsetEmptyAndAValue() {
        for (DeferTransports d : new DeferTransports[]{DeferTransports.UNSET, new DeferTransports(true, ""),
                new DeferTransports(true, "uucp bsmtp")}) {
            FreezeState s = new FreezeState(d, java.util.List.of("smtp", "relay"));
            assertThat(FreezeState.parse(s.render())).isEqualTo(s);
        }
        assertThat(new FreezeState(DeferTransports.UNSET, java.util.List.of("smtp")).render()).contains("previous=unset\n");
        assertThat(new FreezeState(new DeferTransports(true, ""), java.util.List.of("smtp")).render()).contains("previous=set:\n");
    }

    @Test
    void aStateFileAFreezeDidNotWriteIsRefused() {
        assertThatThrownBy(() -> FreezeState.parse("deferred=smtp\n")).hasMessageContaining("no previous= line");
        assertThatThrownBy(() -> FreezeState.parse("previous=maybe\n")).hasMessageContaining("bad previous=");
        assertThatThrownBy(() -> FreezeState.parse("previous=unset\nrm -rf /\n")).hasMessageContaining("unexpected line");
    }

    @Test
    void theReadIsCutAtItsSeparators() {
        String sep = "--quench-section--";
        String[] p = OutboundModule.sections("\n" + sep + "\nsmtp unix - - n - - smtp\n" + sep + "\n" + sep + "\n\n" + sep);
        assertThat(p).hasSize(5);
        assertThat(p[1]).contains("smtp unix");
        assertThat(p[4]).isEmpty();
    }
}
