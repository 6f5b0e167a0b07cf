package org.quench.mail.log;

/**
 * A refused Dovecot authentication, from a login process ({@code imap-login: … (auth failed, N
 * attempts …): user=<u>, method=M, rip=IP, lip=IP}), from the auth process
 * ({@code passwd-file(u,IP): Password mismatch}, {@code pam(u,IP): pam_authenticate() failed: …},
 * {@code sql(u,IP,<s>): unknown user}) or from PAM ({@code pam_unix(dovecot:auth): authentication
 * failure; … rhost=IP user=u}).
 *
 * @param service  {@code imap}, {@code pop3}, {@code submission}, {@code managesieve} for login
 *                 processes, {@code auth} for the auth process and PAM
 * @param backend  {@code passwd-file}, {@code pam}, {@code sql}, {@code ldap}, {@code pam_unix}; null for login lines
 * @param user     attempted user, null when not logged or empty
 * @param reason   e.g. {@code Password mismatch}, {@code unknown user}, {@code auth failed, 1 attempts in 2 secs}
 * @param attempts failed attempts in the session for login lines, null otherwise
 */
public record DovecotAuthFailure(LogHeader header, String service, String backend, String user,
                                 String rip, String lip, String reason, Integer attempts)
        implements MailEvent {
}
