/**
 * Streaming mail log parsing for Postfix, Dovecot and amavis.
 *
 * <p>{@link org.quench.mail.log.MailLogParser} turns one line into a typed
 * {@link org.quench.mail.log.MailEvent} record (or null); {@link org.quench.mail.log.MailLogReader}
 * streams readers, plain or gzip streams and rotated files
 * ({@link org.quench.mail.log.LogRotation}) through it with a {@code since} window, in constant
 * memory; {@link org.quench.mail.log.GrepFilter} gives the fixed strings to filter on the host
 * first; {@link org.quench.mail.log.HostileClient} says which events incriminate their client IP.
 *
 * <p>Conformance against public corpora (fail2ban, sshguard, CrowdSec, postfix-grok-patterns,
 * maillogger, MailLogSentinel, Lightmeter) runs in the tests under
 * {@code org.quench.mail.conformance}; known differences are explained in
 * {@code src/test/resources/conformance-known-disagreements.md}.
 */
package org.quench.mail.log;
