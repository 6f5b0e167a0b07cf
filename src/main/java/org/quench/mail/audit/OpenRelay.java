package org.quench.mail.audit;

import org.quench.mail.config.RestrictionList;
import org.quench.mail.config.ServiceOverrides;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether Postfix's restriction lists let a stranger relay: a client outside mynetworks, without
 * SASL, sending to a remote domain. Since Postfix 2.10 such a message must pass both
 * {@code smtpd_relay_restrictions} and {@code smtpd_recipient_restrictions}; a list stops it only
 * with a reject/defer ({@code reject_unauth_destination} and the like) reached before a bare
 * {@code permit}, and a list that ends without a verdict permits. So the host is an open relay when
 * both lists, as one smtpd service sees them (main.cf or its master.cf {@code -o} overrides), let
 * the stranger through. Client-specific permits ({@code permit_mynetworks},
 * {@code permit_sasl_authenticated}, …) do not apply to that stranger; access tables are not
 * looked into (their content is the administrator's choice, not a configuration slip).
 */
public final class OpenRelay {
    public static final String RELAY = "smtpd_relay_restrictions";
    public static final String RECIPIENT = "smtpd_recipient_restrictions";

    private static final Set<String> STOPS = Set.of("reject", "defer", "reject_unauth_destination",
            "defer_unauth_destination", "defer_if_permit", "reject_unverified_recipient");

    private OpenRelay() {
    }

    /** Reads both lists expanded, each on a labelled line (an old Postfix lacking one prints it empty), then the overrides. */
    public static String readCommand() {
        return "printf 'relay=%s\\n' \"$(postconf -hx " + RELAY + " 2>/dev/null)\"; "
                + "printf 'recipient=%s\\n' \"$(postconf -hx " + RECIPIENT + ")\"; postconf -Px";
    }

    /** What {@link #readCommand()} printed → one finding per smtpd service (main.cf first) that relays for anyone. */
    public static List<DriftFinding> evaluate(String output) {
        String relay = "";
        String recipient = "";
        StringBuilder rest = new StringBuilder();
        for (String line : output.lines().toList()) {
            if (line.startsWith("relay=")) relay = line.substring(6).strip();
            else if (line.startsWith("recipient=")) recipient = line.substring(10).strip();
            else rest.append(line).append('\n');
        }
        Map<String, String> relayOverrides = ServiceOverrides.of(rest.toString(), RELAY);
        Map<String, String> recipientOverrides = ServiceOverrides.of(rest.toString(), RECIPIENT);
        List<DriftFinding> out = new ArrayList<>();
        check("main.cf", relay, recipient, out);
        Set<String> services = new LinkedHashSet<>(relayOverrides.keySet());
        services.addAll(recipientOverrides.keySet());
        for (String service : services) {
            check(service, relayOverrides.getOrDefault(service, relay), recipientOverrides.getOrDefault(service, recipient), out);
        }
        return out;
    }

    private static void check(String where, String relay, String recipient, List<DriftFinding> out) {
        boolean relayOpen;
        boolean recipientOpen;
        try {
            relayOpen = letsStrangerThrough(relay);
            recipientOpen = letsStrangerThrough(recipient);
        } catch (IllegalArgumentException e) {
            out.add(new DriftFinding(where + " " + RELAY, DriftFinding.UNREADABLE, e.getMessage()));
            return;
        }
        if (relayOpen && recipientOpen) {
            out.add(new DriftFinding(where + " " + RELAY + "=" + relay, DriftFinding.OPEN_RELAY,
                    "neither " + RELAY + " nor " + RECIPIENT + " rejects unauthenticated mail to remote domains"
                            + " (reject_unauth_destination missing, or after a bare permit)"));
        }
    }

    /** Whether one restriction list lets a stranger's relay attempt pass. */
    static boolean letsStrangerThrough(String list) {
        for (String token : RestrictionList.parse(list).tokens()) {
            if (token.equals("permit")) return true;
            if (STOPS.contains(token)) return false;
        }
        return true;
    }
}
