/**
 * The trusted-relays audit (runbook {@code audit-trusted-relays}): what a host trusts compared with
 * what the inventory approves ({@link org.quench.mail.audit.RelayDrift}), restriction lists that
 * make an open relay ({@link org.quench.mail.audit.OpenRelay}), and the per-host × check verdicts
 * the CLI, JUnit and alerts share ({@link org.quench.mail.audit.AuditChecks}). Pure logic plus one
 * read-only step type; the effective trusted networks themselves come from the trust reader.
 */
package org.quench.mail.audit;
