package org.quench.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Where alerts go, from the inventory var {@code alerts} (usually under {@code all: vars:}) or a
 * YAML file given with {@code --alerts-config}:
 * <pre>
 * alerts:
 *   email:   {smtp_host: mail.example.com, smtp_port: 25, from: quench@example.com, to: [oncall@example.com]}
 *   webhook: {url: https://hooks.slack.com/services/…}
 * </pre>
 */
public record AlertConfig(Email email, Webhook webhook) {

    public record Email(String smtpHost, int smtpPort, String from, List<String> to) {
    }

    public record Webhook(URI url) {
    }

    /** @throws IllegalArgumentException naming the setting that is missing or wrong */
    public static AlertConfig from(Object alerts) {
        if (alerts == null) return new AlertConfig(null, null);
        if (!(alerts instanceof Map<?, ?> m)) throw new IllegalArgumentException("`alerts` must be a mapping with email: and/or webhook:");
        for (Object k : m.keySet()) {
            if (!"email".equals(k) && !"webhook".equals(k)) throw new IllegalArgumentException("alerts: unknown key `" + k + "` (email, webhook)");
        }
        return new AlertConfig(email(m.get("email")), webhook(m.get("webhook")));
    }

    private static Email email(Object v) {
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("alerts.email must be a mapping");
        String host = text(m, "smtp_host", "alerts.email");
        int port = 25;
        if (m.get("smtp_port") != null) {
            try {
                port = Integer.parseInt(String.valueOf(m.get("smtp_port")).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("alerts.email.smtp_port must be a number, got " + m.get("smtp_port"));
            }
        }
        if (port < 1 || port > 65535) throw new IllegalArgumentException("alerts.email.smtp_port must be 1-65535");
        String from = text(m, "from", "alerts.email");
        List<String> to = new ArrayList<>();
        Object t = m.get("to");
        if (t instanceof Collection<?> c) c.forEach(o -> to.add(String.valueOf(o).strip()));
        else if (t != null) to.addAll(List.of(String.valueOf(t).strip().split("[,\\s]+")));
        to.removeIf(String::isBlank);
        if (to.isEmpty()) throw new IllegalArgumentException("alerts.email.to: no recipient");
        return new Email(host, port, from, List.copyOf(to));
    }

    private static Webhook webhook(Object v) {
        if (v == null) return null;
        if (!(v instanceof Map<?, ?> m)) throw new IllegalArgumentException("alerts.webhook must be a mapping with url:");
        String url = text(m, "url", "alerts.webhook");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("alerts.webhook.url is not a URL: " + url);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("alerts.webhook.url must be an http(s) URL, got " + url);
        }
        return new Webhook(uri);
    }

    private static String text(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) throw new IllegalArgumentException(where + "." + key + " is missing");
        return String.valueOf(v).strip();
    }
}
