package org.quench.mail.contain;

/**
 * Where a client block may be written into Postfix's own files. Only plain Postfix: the other
 * platforms own their main.cf, and the reference names no verified command for a per-IP SMTP
 * block on them, so the step refuses and says what to do instead rather than guessing.
 */
final class ClientBlockPlatform {
    private ClientBlockPlatform() {
    }

    static void require(String module, Platform platform) {
        String refusal = switch (platform) {
            case POSTFIX -> null;
            case BLUEMIND -> "BlueMind manages Postfix's configuration itself (never hand-edit main.cf there) and has no"
                    + " verified bm-cli setting for blocking client IPs; block these addresses in the firewall in front of"
                    + " the server, and make sure the password-bruteforce plugin (bm-plugin-core-password-bruteforce) is"
                    + " installed";
            case ZIMBRA -> "on Zimbra, zmconfigd regenerates main.cf from LDAP, so a hand edit would be silently undone;"
                    + " block these addresses through Zimbra's own MTA restriction settings (admin console) or in the"
                    + " firewall — quench has no verified zmprov command for it";
            case PLESK -> "on Plesk it is not established that a hand edit of smtpd_client_restrictions survives Plesk's"
                    + " own mail configuration updates; block these addresses with Plesk's IP address banning or its"
                    + " firewall. If you have checked that this server keeps hand edits, run the step with platform: postfix";
        };
        if (refusal != null) throw new IllegalArgumentException(module + ": refused on " + platform.id() + ": " + refusal);
    }
}
