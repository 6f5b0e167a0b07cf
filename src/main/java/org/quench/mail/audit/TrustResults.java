package org.quench.mail.audit;

import org.quench.mail.trust.Cidr;
import org.quench.mail.trust.EffectiveTrust;
import org.quench.mail.trust.TrustEntry;
import org.quench.mail.trust.Unresolved;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads back a {@code postfix.trust} step result ({@link EffectiveTrust#toMap()}) handed to a later
 * step with {@code trust: "{{ trust }}"}: the entries in order with their origins, and the parts
 * that could not be listed. Anything malformed is an error, not an empty trust list.
 */
public final class TrustResults {
    private TrustResults() {
    }

    /** @throws IllegalArgumentException when {@code value} is not a postfix.trust result */
    public static EffectiveTrust from(Object value, String module) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("entries") instanceof Collection<?> entries)) {
            throw new IllegalArgumentException(module + ": `trust` must be the result of a postfix.trust step (trust: \"{{ trust }}\")");
        }
        List<TrustEntry> out = new ArrayList<>();
        for (Object o : entries) {
            if (!(o instanceof Map<?, ?> e) || e.get("cidr") == null) {
                throw new IllegalArgumentException(module + ": `trust.entries` holds " + o + ", not {cidr, exclusion, origin}");
            }
            out.add(new TrustEntry(Cidr.parse(String.valueOf(e.get("cidr"))), Boolean.TRUE.equals(e.get("exclusion")),
                    String.valueOf(e.get("origin"))));
        }
        List<Unresolved> unresolved = new ArrayList<>();
        if (m.get("unresolved") instanceof Collection<?> us) {
            for (Object o : us) {
                if (o instanceof Map<?, ?> u) {
                    unresolved.add(new Unresolved(String.valueOf(u.get("reference")), String.valueOf(u.get("origin")),
                            String.valueOf(u.get("why"))));
                }
            }
        }
        return new EffectiveTrust(str(m.get("mynetworks")), str(m.get("setIn")), str(m.get("style")), out, unresolved, null);
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }
}
