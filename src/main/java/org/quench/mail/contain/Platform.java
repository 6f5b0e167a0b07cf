package org.quench.mail.contain;

import org.quench.inventory.Host;

import java.util.Locale;

/**
 * The mail platforms quench drives (PRODUCT.md §1). All run Postfix underneath; they differ in how
 * accounts are managed. Chosen by the step's {@code platform}, else the host var
 * {@code platform}, else plain Postfix + Dovecot.
 */
enum Platform {
    POSTFIX, BLUEMIND, ZIMBRA, PLESK;

    static Platform of(String module, String given, Host host) {
        String name = given != null ? given : host.var("platform");
        if (name == null || name.isBlank()) return POSTFIX;
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(module + ": unknown platform '" + name
                    + "' (expected postfix, bluemind, zimbra or plesk)");
        }
    }

    String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
