/**
 * Detectors, as built-in step types.
 *
 * <p>{@link org.quench.mail.detect.DiscoverModule} ({@code uses: mail.discover}) asks the host what
 * it runs — Postfix version and log (maillog_file, syslog files and their rotations, or journald),
 * Dovecot's passdb and passwd-file, bm-cli/zmprov/plesk — in one probe script.
 *
 * <p>{@link org.quench.mail.detect.AccountsModule} ({@code uses: mail.accounts}) scores SASL
 * accounts from the log and lists brute-force IPs. The log is filtered on the host
 * ({@link org.quench.mail.detect.HostLogScan}) and parsed while it streams through a bounded pipe
 * ({@link org.quench.mail.detect.ChunkPipe}, {@link org.quench.mail.detect.LogStream}); the first
 * pass tallies every SASL submission and failure, the second reads only the byte ranges around
 * the latest submissions of the accounts worth scoring ({@link org.quench.mail.detect.SecondPassPlan}).
 * {@link org.quench.mail.detect.AccountScorer} documents the score; findings say why.
 *
 * <p>{@link org.quench.mail.detect.RogueRelaysModule} ({@code uses: mail.rogue-relays}) finds trusted
 * clients (Postfix's effective mynetworks, {@link org.quench.mail.trust.TrustReader}) relaying
 * without authentication, per IP, and names the trust entry that lets each relay
 * ({@link org.quench.mail.detect.RelayVerdict}).
 *
 * <p>Every value placed in a host command is single-quoted or, for queue ids, validated and put in
 * a quoted here-document: log text is attacker-written and stays data.
 */
package org.quench.mail.detect;
