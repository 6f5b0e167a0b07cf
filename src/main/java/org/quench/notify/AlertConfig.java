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
 * An authenticating relay: {@code tls: starttls} (required, certificate checked) or {@code smtps}
 * (port 465 by default), {@code username:}, and the password in an environment variable named by
 * {@code password_env:} — never in the inventory, which lives in git. Authentication without TLS
 * is refused, except to a loopback relay, where the password does not leave the machine.
 */
public record AlertConfig(Email email, Webhook webhook) {

    public record Email(String smtpHost, int smtpPort, String from, List<String> to, Tls tls, String username,
                        String passwordEnv) {
        public Email(String smtpHost, int smtpPort, String from, List<String> to) {
            this(smtpHost, smtpPort, from, to, Tls.NONE, null, null);
        }

        public boolean authenticates() {
            return username != null;
        }
    }

    /** How the SMTP connection is protected: not at all, STARTTLS required, or TLS from the start (SMTPS). */
    public enum Tls {
        NONE, STARTTLS, SMTPS;

        static Tls parse(Object v) {
            if (v == null) return NONE;
            return switch (String.valueOf(v).strip().toLowerCase(java.util.Locale.ROOT)) {
                case "none", "no", "false" -> NONE;
                case "starttls" -> STARTTLS;
                case "smtps", "ssl", "tls" -> SMTPS;
                default -> throw new IllegalArgumentException("alerts.email.tls must be none, starttls or smtps, got " + v);
            };
        }
    }

    private static final java.util.Set<String> EMAIL_KEYS = java.util.Set.of("smtp_host", "smtp_port", "from", "to", "tls",
            "username", "password_env");

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
        for (Object k : m.keySet()) {
            if (!EMAIL_KEYS.contains(String.valueOf(k))) {
                throw new IllegalArgumentException("alerts.email: unknown key `" + k + "` (" + String.join(", ", new java.util.TreeSet<>(EMAIL_KEYS)) + ")"
                        + ("password".equals(k) ? "; put the password in an environment variable and name it with password_env" : ""));
            }
        }
        String host = text(m, "smtp_host", "alerts.email");
        Tls tls = Tls.parse(m.get("tls"));
        int port = tls == Tls.SMTPS ? 465 : 25;
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
        String username = m.get("username") == null ? null : text(m, "username", "alerts.email");
        String passwordEnv = m.get("password_env") == null ? null : text(m, "password_env", "alerts.email");
        if ((username == null) != (passwordEnv == null)) {
            throw new IllegalArgumentException("alerts.email: username and password_env go together (SMTP authentication)");
        }
        if (passwordEnv != null && !passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("alerts.email.password_env must name an environment variable, got " + passwordEnv);
        }
        if (username != null && tls == Tls.NONE && !loopback(host)) {
            throw new IllegalArgumentException("alerts.email: authentication without TLS would send the password in clear to " + host
                    + ": set tls: starttls or tls: smtps");
        }
        return new Email(host, port, from, List.copyOf(to), tls, username, passwordEnv);
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

    /** Only literal loopback addresses and localhost: a name that resolves elsewhere must not pass. */
    private static boolean loopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String text(Map<?, ?> m, String key, String where) {
        Object v = m.get(key);
        if (v == null || String.valueOf(v).isBlank()) throw new IllegalArgumentException(where + "." + key + " is missing");
        return String.valueOf(v).strip();
    }
}
