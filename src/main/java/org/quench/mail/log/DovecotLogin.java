package org.quench.mail.log;

/** {@code imap-login: Login: user=<u>, method=M, rip=IP, lip=IP, mpid=N, TLS, session=<S>}. */
public record DovecotLogin(LogHeader header, String service, String user, String method,
                           String rip, String lip, String session) implements MailEvent {
}
