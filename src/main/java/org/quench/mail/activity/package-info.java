/**
 * Aggregations of mail log events used by detectors: per SASL account
 * ({@link org.quench.mail.activity.AccountActivityCollector}) and per client IP for brute force
 * ({@link org.quench.mail.activity.BruteForceCollector}). Memory is bounded by caps on tracked
 * keys and on each distinct set ({@link org.quench.mail.activity.CappedSet}, reported as "≥N").
 */
package org.quench.mail.activity;
