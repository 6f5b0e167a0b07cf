/**
 * Audit alerts: what changed since the last audit of the same selection
 * ({@link org.quench.notify.AlertState}, {@link org.quench.notify.Changes}), and the channels that
 * carry it — email over SMTP ({@link org.quench.notify.EmailAlert}) and a JSON webhook
 * ({@link org.quench.notify.WebhookAlert}) — configured by {@link org.quench.notify.AlertConfig}.
 */
package org.quench.notify;
