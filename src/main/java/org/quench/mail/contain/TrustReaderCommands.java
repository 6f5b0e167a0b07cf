package org.quench.mail.contain;

/** Read-only commands the untrust step runs around its edit. */
final class TrustReaderCommands {
    /** main.cf's mynetworks as written ($names unexpanded), or Postfix's computed default when unset. */
    static final String RAW_MYNETWORKS = "postconf -h mynetworks";

    private TrustReaderCommands() {
    }
}
