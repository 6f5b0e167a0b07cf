package org.quench.mail.trust;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One network Postfix (or the platform) trusts, with where it comes from, so a finding can say
 * "127.0.0.16/29 from mynetworks in /etc/postfix/main.cf" or "10.0.0.5/32 from
 * /etc/postfix/network_table:3". An {@code exclusion} ({@code !pattern}) un-trusts what it matches
 * for every entry after it: Postfix stops at the first match.
 *
 * @param cidr      the network (a single address is a /32 or /128)
 * @param exclusion written as {@code !pattern}
 * @param origin    where it is written, for people: parameter and file, file:line, or table
 */
public record TrustEntry(Cidr cidr, boolean exclusion, String origin) {

    /** {@code 127.0.0.16/29 from mynetworks in /etc/postfix/main.cf}; exclusions start with {@code !}. */
    public String describe() {
        return (exclusion ? "!" : "") + cidr.text() + " from " + origin;
    }

    /** The step-result form: {@code {cidr, exclusion, origin, text}}. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cidr", cidr.text());
        m.put("exclusion", exclusion);
        m.put("origin", origin);
        m.put("text", describe());
        return m;
    }
}
