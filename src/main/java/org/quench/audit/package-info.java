/**
 * What {@code quench audit} makes of a run of an audit runbook: one verdict per host × check
 * ({@link org.quench.audit.AuditChecks}), printed as one table ({@link org.quench.audit.AuditTable})
 * that the terminal, the email alert and (as test cases) the JUnit file share.
 */
package org.quench.audit;
