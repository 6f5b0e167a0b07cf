package org.quench.mail.detect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the probe's answer for hosts the lab is not: BlueMind, Zimbra, journald, Dovecot 2.4, old Postfix. */
class DiscoveryProbeTest {

    @Test
    void bluemindOnSyslogWithRotations() {
        String out = """
                host_time=1795000000
                utc_offset=+0100
                postfix_version=3.4.14
                maillog_file=
                has=postqueue
                has=doveadm
                has=bm-cli
                log=/var/log/mail.log.2.gz
                log=/var/log/mail.log
                log=/var/log/mail.log.1
                log=/var/log/mail.log.bak
                log=/var/log/mail.log-20261120.gz
                bluemind_version=BlueMind CLI 4.9.2
                """;
        HostFacts f = new DiscoveryProbe(List.of()).read(out, null);
        assertThat(f.platform()).isEqualTo("bluemind");
        assertThat(f.postqueueJson()).isTrue();
        assertThat(f.logSource()).isEqualTo("files");
        assertThat(f.logFiles()).containsExactly("/var/log/mail.log-20261120.gz", "/var/log/mail.log.2.gz",
                "/var/log/mail.log.1", "/var/log/mail.log");
        assertThat(f.bluemindVersion()).isEqualTo("BlueMind CLI 4.9.2");
        assertThat(f.passdbDriver()).isNull();
        assertThat(f.utcOffset()).isEqualTo("+0100");
        assertThat(f.hostTime()).isEqualTo(1795000000L);
    }

    @Test
    void journaldOnlyHostOldPostfixAndInventoryPlatform() {
        String out = """
                postfix_version=2.10.1
                has=postqueue
                has=journalctl
                journal=postfix
                """;
        HostFacts f = new DiscoveryProbe(List.of()).read(out, "Plesk");
        assertThat(f.platform()).isEqualTo("plesk");
        assertThat(f.postqueueJson()).isFalse(); // -j arrived in 3.1
        assertThat(f.logSource()).isEqualTo("journal");
        assertThat(f.logFiles()).isEmpty();
    }

    @Test
    void zimbraLogAndDovecot24Passdb() {
        String out = """
                postfix_version=3.7.11
                has=zmprov
                has=zimbra-dir
                log=/var/log/zimbra.log
                log=/var/log/zimbra.log.1.gz
                doveconf=passdb users {
                doveconf=  driver = passwd-file
                doveconf=  passwd_file_path = /etc/dovecot/users
                doveconf=}
                doveconf=passdb {
                doveconf=  driver = pam
                doveconf=}
                """;
        HostFacts f = new DiscoveryProbe(List.of()).read(out, null);
        assertThat(f.platform()).isEqualTo("zimbra");
        assertThat(f.zimbra()).isTrue();
        assertThat(f.logFiles()).containsExactly("/var/log/zimbra.log.1.gz", "/var/log/zimbra.log");
        assertThat(f.passdbDriver()).isEqualTo("passwd-file");
        assertThat(f.passwdFile()).isEqualTo("/etc/dovecot/users");
    }

    @Test
    void aMaillogFileThatIsAlsoASyslogLocationIsReadOnce() {
        // the lab's layout: maillog_file = /var/log/mail.log, listed by the find of each base
        String out = """
                postfix_version=3.7.11
                maillog_file=/var/log/mail.log
                log=/var/log/mail.log
                log=/var/log/mail.log.1
                log=/var/log/mail.log
                log=/var/log/mail.log.1
                """;
        HostFacts f = new DiscoveryProbe(List.of()).read(out, null);
        assertThat(f.logFiles()).containsExactly("/var/log/mail.log.1", "/var/log/mail.log");
    }

    @Test
    void maillogFileWinsOverSyslogFiles() {
        String out = """
                postfix_version=3.9.0
                maillog_file=/var/log/postfix.log
                log=/var/log/postfix.log
                log=/var/log/mail.log
                """;
        HostFacts f = new DiscoveryProbe(List.of()).read(out, null);
        assertThat(f.maillogFile()).isEqualTo("/var/log/postfix.log");
        assertThat(f.logFiles()).containsExactly("/var/log/postfix.log");
    }

    @Test
    void passwdFileArgsWithOptions() {
        assertThat(DoveconfPassdb.fileFromArgs("scheme=SHA512-CRYPT username_format=%n /etc/dovecot/users"))
                .isEqualTo("/etc/dovecot/users");
        assertThat(DoveconfPassdb.fileFromArgs("/etc/dovecot/passwd")).isEqualTo("/etc/dovecot/passwd");
        assertThat(DoveconfPassdb.fileFromArgs(null)).isNull();
    }

    @Test
    void overridesAreQuotedInTheScript() {
        String script = new DiscoveryProbe(List.of("/var/log/it's here/mail*.log")).script();
        assertThat(script).contains("find '/var/log/it'\\''s here' -maxdepth 1 -type f -name 'mail*.log'");
    }

    @Test
    void maillogFileAtASyslogPathIsReadOnce() {
        String out = """
                postfix_version=3.7.11
                maillog_file=/var/log/mail.log
                has=postqueue
                log=/var/log/mail.log
                log=/var/log/mail.log.1
                log=/var/log/mail.log
                log=/var/log/mail.log.1
                """;
        HostFacts f = new DiscoveryProbe(List.of()).read(out, null);
        assertThat(f.logFiles()).containsExactly("/var/log/mail.log.1", "/var/log/mail.log");
    }
}
