package org.quench.mail.trust;

/**
 * Plesk keeps its trusted networks in the mail server White List, which no verified Plesk CLI
 * edits (reference §5): quench prints what to do by hand rather than guess a command.
 */
public final class PleskWhiteList {
    private PleskWhiteList() {
    }

    /** The manual step that stops {@code ips} (text, e.g. "10.0.0.9, 10.0.0.10") relaying on Plesk. */
    public static String instruction(String ips) {
        return "on Plesk remove " + ips + " (or the network that holds it) from Tools & Settings > Mail Server Settings >"
                + " White List by hand — no verified Plesk CLI edits the White List, so quench does not guess one; if the"
                + " White List holds a network, replace it with the networks around " + ips + " so its neighbours stay trusted";
    }
}
