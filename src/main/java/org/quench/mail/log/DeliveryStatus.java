package org.quench.mail.log;

/** The {@code status=} word of a delivery line. */
public enum DeliveryStatus {
    SENT, DEFERRED, BOUNCED, EXPIRED, DELIVERABLE, UNDELIVERABLE, OTHER;

    static DeliveryStatus of(String word) {
        switch (word) {
            case "sent": return SENT;
            case "deferred": return DEFERRED;
            case "bounced": return BOUNCED;
            case "expired": return EXPIRED;
            case "deliverable": return DELIVERABLE;
            case "undeliverable": return UNDELIVERABLE;
            default: return OTHER;
        }
    }
}
