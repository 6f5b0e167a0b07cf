/**
 * Editing a live Postfix configuration without ever leaving it half-changed: every file is copied
 * aside first ({@link org.quench.mail.config.ConfigBackup}), the edits run, {@code postfix check}
 * and the caller's own checks decide, and only then {@code postfix reload}; any failure before the
 * reload puts the backups back ({@link org.quench.mail.config.PostfixChange}). Restriction lists
 * and master.cf overrides are read and rewritten as values here, not with sed.
 * Used by {@code postfix.block-clients}; meant for the rogue-trusted-ip remediation too.
 */
package org.quench.mail.config;
