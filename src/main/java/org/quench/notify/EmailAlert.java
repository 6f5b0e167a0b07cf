package org.quench.notify;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Date;
import java.util.Properties;

/**
 * Sends an alert as a plain-text email through the configured relay (SMTP, Angus Mail): plain SMTP
 * to an internal smarthost as for cron mail, or STARTTLS / SMTPS with the server's certificate
 * checked, and SMTP AUTH with the password taken from the environment at send time.
 */
public final class EmailAlert {
    private final AlertConfig.Email config;
    private final Duration timeout;

    public EmailAlert(AlertConfig.Email config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    /** @throws MessagingException with the relay's answer when it refuses or cannot be reached */
    public void send(Alert alert) throws MessagingException {
        Session session = Session.getInstance(properties(config, timeout));
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(config.from(), true));
        for (String to : config.to()) m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        m.setSubject(alert.subject(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Quench-Run", alert.runId());
        m.setText(alert.text(), "UTF-8");
        if (config.authenticates()) {
            Transport.send(m, config.username(), password(config.passwordEnv(), System.getenv()));
        } else {
            Transport.send(m);
        }
    }

    /** The session settings for {@code config}: protocol, TLS and its certificate check, timeouts. */
    static Properties properties(AlertConfig.Email config, Duration timeout) {
        String proto = config.tls() == AlertConfig.Tls.SMTPS ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", config.smtpHost());
        p.put("mail." + proto + ".port", String.valueOf(config.smtpPort()));
        String ms = String.valueOf(timeout.toMillis());
        p.put("mail." + proto + ".connectiontimeout", ms);
        p.put("mail." + proto + ".timeout", ms);
        p.put("mail." + proto + ".writetimeout", ms);
        if (config.tls() == AlertConfig.Tls.STARTTLS) {
            // required, not opportunistic: a relay that does not offer STARTTLS gets no password and no alert
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (config.tls() != AlertConfig.Tls.NONE) p.put("mail." + proto + ".ssl.checkserveridentity", "true");
        if (config.authenticates()) p.put("mail." + proto + ".auth", "true");
        return p;
    }

    /** @throws MessagingException when the variable is unset or empty, naming it */
    static String password(String variable, java.util.Map<String, String> env) throws MessagingException {
        String v = env.get(variable);
        if (v == null || v.isEmpty()) {
            throw new MessagingException("the SMTP password variable $" + variable + " (alerts.email.password_env) is not set");
        }
        return v;
    }
}
