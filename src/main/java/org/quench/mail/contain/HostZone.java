package org.quench.mail.contain;

import org.quench.inventory.Host;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * The host's time zone, needed only to read arrival times from the pre-3.1 {@code postqueue -p}
 * listing: the host var {@code timezone} when set, else this machine's.
 */
public final class HostZone {
    private HostZone() {
    }

    public static ZoneId of(Host host) {
        String tz = host.var("timezone");
        if (tz == null || tz.isBlank()) return ZoneId.systemDefault();
        try {
            return ZoneId.of(tz.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("host var timezone: '" + tz + "' is not a time zone");
        }
    }
}
