/**
 * The Postfix queue: listing ({@link org.quench.mail.queue.MailQueue}, {@code postqueue -j} or
 * {@code -p}), what each message remembers about its arrival
 * ({@link org.quench.mail.queue.EnvelopeReader}, batched {@code postcat -e -q}), choosing an
 * incident's messages by SASL identity or client address
 * ({@link org.quench.mail.queue.QueueSelection}) and hold/release/delete with verification
 * ({@link org.quench.mail.queue.QueueActions}). Commands run through a
 * {@link org.quench.transport.Transport}; this package only builds them and reads their output.
 */
package org.quench.mail.queue;
