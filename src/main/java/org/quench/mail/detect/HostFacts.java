package org.quench.mail.detect;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code mail.discover} found out about a mail host, from the host itself.
 *
 * @param platform         postfix | bluemind | zimbra | plesk (inventory/step override, else from the binaries present)
 * @param postfixVersion   {@code postconf -h mail_version}; null when Postfix is absent
 * @param postqueueJson    {@code postqueue -j} is available (Postfix ≥ 3.1)
 * @param logSource        {@code files} or {@code journal}; null when no log was found
 * @param logFiles         the log and its rotations, oldest first (empty for the journal)
 * @param maillogFile      Postfix's own log ({@code maillog_file}, ≥ 3.4), null when syslog writes it
 * @param passdbDriver     the first Dovecot passdb's driver (passwd-file, pam, sql, ldap…)
 * @param passwdFile       its file when the driver is passwd-file
 * @param bluemindVersion  first line of {@code bm-cli --version}, UNVERIFIED probe: null when it printed nothing
 * @param utcOffset        the host's {@code date +%z}: year-less syslog stamps are local time
 * @param hostTime         the host's clock (epoch seconds): windows are computed against it
 */
record HostFacts(String platform, String postfixVersion, boolean postqueueJson, String logSource,
                 List<String> logFiles, String maillogFile, String passdbDriver, String passwdFile,
                 boolean doveadm, boolean bluemindCli, String bluemindVersion, boolean zimbra, boolean plesk,
                 String utcOffset, Long hostTime) {

    /** The register a runbook reads; keys are part of the module's contract. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", platform);
        m.put("postfixVersion", postfixVersion);
        m.put("postqueueJson", postqueueJson);
        m.put("logSource", logSource);
        m.put("logFiles", logFiles);
        m.put("maillogFile", maillogFile);
        m.put("passdbDriver", passdbDriver);
        m.put("passwdFile", passwdFile);
        m.put("doveadm", doveadm);
        m.put("bluemindCli", bluemindCli);
        m.put("bluemindVersion", bluemindVersion);
        m.put("zimbra", zimbra);
        m.put("plesk", plesk);
        m.put("utcOffset", utcOffset);
        m.put("hostTime", hostTime);
        return m;
    }
}
