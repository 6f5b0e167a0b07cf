package org.quench.mail.trust;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A part of the trust list quench cannot enumerate (an {@code ldap:} or {@code pcre:} table, a file
 * it cannot read, {@code { }} syntax): reported, never guessed, so an audit says "cannot tell"
 * instead of "nothing trusted there".
 *
 * @param reference the token as written ({@code ldap:/etc/postfix/ldap-relays.cf})
 * @param origin    where it is written
 * @param why       why it could not be listed
 */
public record Unresolved(String reference, String origin, String why) {

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", reference);
        m.put("origin", origin);
        m.put("why", why);
        return m;
    }

    @Override
    public String toString() {
        return reference + " (" + origin + "): " + why;
    }
}
