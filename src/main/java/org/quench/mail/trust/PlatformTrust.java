package org.quench.mail.trust;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trusted-network list as the platform keeps it, which is where it must be changed: BlueMind's
 * system configuration key {@code mynetworks} (pushed to main.cf by BlueMind itself), Zimbra's
 * {@code zimbraMtaMyNetworks} (server value, else global; zmconfigd writes main.cf from it). Plesk's
 * White List has no verified CLI: {@link #note} says so and {@code value} is null.
 *
 * @param platform {@code bluemind}, {@code zimbra} or {@code plesk}
 * @param setting  the setting's name ({@code mynetworks}, {@code zimbraMtaMyNetworks})
 * @param scope    where the value was found: {@code sysconf}, {@code server}, {@code global}; null if not read
 * @param value    the value as the platform prints it (Zimbra's values joined with ", "); null if not read
 * @param entries  its networks
 * @param note     what a person should know (unlisted parts, unverified CLI); null when nothing
 */
public record PlatformTrust(String platform, String setting, String scope, String value, List<TrustEntry> entries,
                            List<Unresolved> unresolved, String note) {
    public PlatformTrust {
        entries = List.copyOf(entries);
        unresolved = List.copyOf(unresolved);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("platform", platform);
        m.put("setting", setting);
        m.put("scope", scope);
        m.put("value", value);
        List<Object> e = new ArrayList<>();
        entries.forEach(t -> e.add(t.toMap()));
        m.put("entries", e);
        List<Object> u = new ArrayList<>();
        unresolved.forEach(t -> u.add(t.toMap()));
        m.put("unresolved", u);
        m.put("note", note);
        return m;
    }
}
