package org.quench.mail.config;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The master.cf {@code -o} overrides of one main.cf parameter, from {@code postconf -P}
 * (lines {@code SERVICE/TYPE/PARAMETER = VALUE}). A service with an override ignores main.cf for
 * that parameter: the submission service commonly sets its own
 * {@code smtpd_client_restrictions=permit_sasl_authenticated,reject}, so a block written only to
 * main.cf would not reach port 587.
 */
public final class ServiceOverrides {
    private ServiceOverrides() {
    }

    /** @return {@code SERVICE/TYPE} → value, in master.cf order */
    public static Map<String, String> of(String postconfP, String parameter) {
        Map<String, String> out = new LinkedHashMap<>();
        String suffix = "/" + parameter;
        for (String line : postconfP.lines().toList()) {
            // "NAME = VALUE", or "NAME =" for an empty override
            int eq = line.indexOf(" =");
            if (eq < 0) continue;
            String key = line.substring(0, eq);
            if (!key.endsWith(suffix)) continue;
            String service = key.substring(0, key.length() - suffix.length());
            if (service.chars().filter(c -> c == '/').count() != 1) continue;
            out.put(service, line.substring(eq + 2).strip());
        }
        return out;
    }
}
