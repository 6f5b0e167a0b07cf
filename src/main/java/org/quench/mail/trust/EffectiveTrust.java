package org.quench.mail.trust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Postfix server really trusts: the networks of {@code mynetworks} after {@code $name}
 * expansion, files and tables are followed (or, when it is not set, what {@code mynetworks_style}
 * gives), in Postfix's order, each with its origin; the parts that cannot be listed; and, on
 * BlueMind, Zimbra and Plesk, the platform's own list ({@link PlatformTrust}), where a change must
 * be made.
 *
 * <p>Matching follows Postfix: the first entry that matches decides, so an exclusion
 * ({@code !10.0.0.9}) before {@code 10.0.0.0/24} un-trusts that one address.
 *
 * @param mynetworks the value as main.cf holds it, unexpanded (or Postfix's computed default)
 * @param setIn      the main.cf that sets it; null when it is not set and comes from mynetworks_style
 * @param style      the effective {@code mynetworks_style}
 * @param platform   the platform's own list; null on plain Postfix
 */
public record EffectiveTrust(String mynetworks, String setIn, String style, List<TrustEntry> entries,
                             List<Unresolved> unresolved, PlatformTrust platform) {
    public EffectiveTrust {
        entries = List.copyOf(entries);
        unresolved = List.copyOf(unresolved);
    }

    /**
     * The entry that decides for {@code ip} (an address, or a network: then the first entry that
     * contains all of it): a trusting entry, an exclusion (then Postfix does not trust it), or empty
     * when nothing listed matches. An unresolved table may still match: see {@link #unresolved()}.
     *
     * @throws IllegalArgumentException when {@code ip} is not an address literal
     */
    public Optional<TrustEntry> matchingEntry(String ip) {
        Cidr c = Cidr.parse(ip);
        for (TrustEntry e : entries) {
            if (e.cidr().contains(c)) return Optional.of(e);
        }
        return Optional.empty();
    }

    /** Whether Postfix's mynetworks lets {@code ip} relay (as far as the listed entries tell). */
    public boolean trusts(String ip) {
        return matchingEntry(ip).map(e -> !e.exclusion()).orElse(false);
    }

    /** The entries that trust (exclusions left out). */
    public List<TrustEntry> trusted() {
        return entries.stream().filter(e -> !e.exclusion()).toList();
    }

    /**
     * The step result: {@code {mynetworks, setIn, style, entries: [{cidr, exclusion, origin, text}],
     * unresolved: [{reference, origin, why}], platform}}.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mynetworks", mynetworks);
        m.put("setIn", setIn);
        m.put("style", style);
        List<Object> e = new ArrayList<>();
        entries.forEach(t -> e.add(t.toMap()));
        m.put("entries", e);
        List<Object> u = new ArrayList<>();
        unresolved.forEach(t -> u.add(t.toMap()));
        m.put("unresolved", u);
        m.put("platform", platform == null ? null : platform.toMap());
        return m;
    }
}
