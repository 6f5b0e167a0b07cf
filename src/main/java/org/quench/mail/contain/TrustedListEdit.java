package org.quench.mail.contain;

import org.quench.mail.trust.Cidr;

import java.util.ArrayList;
import java.util.List;

/**
 * A platform's trusted-network list without one address, for lists that cannot hold an exclusion
 * (BlueMind's sanitiser drops {@code !} entries; Zimbra's attribute is copied into mynetworks by
 * zmconfigd and quench does not rely on it keeping one): the entry that contains the address is
 * split around it ({@link Cidr#minus}), so its other addresses stay trusted; every other entry is
 * kept as written. Only literal networks are accepted: a list quench cannot read entry by entry is
 * refused rather than rewritten.
 */
final class TrustedListEdit {
    private TrustedListEdit() {
    }

    /** The result: the new list's entries, and the entry that was split (null when none held the address). */
    record Result(List<String> entries, String split) {
        String joined(String separator) {
            return String.join(separator, entries);
        }
    }

    static Result without(String current, Cidr address) {
        List<String> out = new ArrayList<>();
        String split = null;
        for (String token : current.strip().split("[,\\s]+")) {
            if (token.isEmpty()) continue;
            Cidr c;
            try {
                c = Cidr.parse(token);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the list holds '" + token + "', which is not a network; quench rewrites only"
                        + " lists of networks — change it by hand");
            }
            if (c.hostBitsSet()) {
                throw new IllegalArgumentException("the list holds '" + token + "' with host bits set; correct it to "
                        + c.mynetworksText() + " first");
            }
            if (c.contains(address)) {
                if (split == null) split = token;
                c.minus(address).forEach(p -> out.add(p.mynetworksText()));
            } else {
                out.add(token);
            }
        }
        return new Result(out, split);
    }
}
