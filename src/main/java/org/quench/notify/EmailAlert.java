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
 * Sends an alert as a plain-text email through the configured relay (SMTP, Angus Mail). No
 * authentication or TLS settings: the relay is the site's internal smarthost, as for cron mail.
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
        Properties p = new Properties();
        p.put("mail.smtp.host", config.smtpHost());
        p.put("mail.smtp.port", String.valueOf(config.smtpPort()));
        String ms = String.valueOf(timeout.toMillis());
        p.put("mail.smtp.connectiontimeout", ms);
        p.put("mail.smtp.timeout", ms);
        p.put("mail.smtp.writetimeout", ms);
        Session session = Session.getInstance(p);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(config.from(), true));
        for (String to : config.to()) m.addRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
        m.setSubject(alert.subject(), "UTF-8");
        m.setSentDate(new Date());
        m.setHeader("X-Quench-Run", alert.runId());
        m.setText(alert.text(), "UTF-8");
        Transport.send(m);
    }
}
