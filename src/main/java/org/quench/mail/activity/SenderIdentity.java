package org.quench.mail.activity;

/**
 * Whether an envelope sender belongs to the SASL login that submitted it. Logins are either full
 * addresses ({@code bob@example.com}) or bare local parts ({@code admin}, as on many
 * setups): a bare login owns any sender with that local part. The null sender {@code <>} (empty)
 * is a bounce, never a forgery by the account.
 */
final class SenderIdentity {
    private SenderIdentity() {
    }

    static boolean matchesLogin(String sender, String login) {
        if (sender == null || sender.isEmpty()) {
            return true;
        }
        if (sender.equalsIgnoreCase(login)) {
            return true;
        }
        if (login.indexOf('@') < 0) {
            int at = sender.lastIndexOf('@');
            return at > 0 && sender.substring(0, at).equalsIgnoreCase(login);
        }
        return false;
    }
}
