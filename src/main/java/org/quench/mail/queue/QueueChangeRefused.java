package org.quench.mail.queue;

/** A queue change that was not made because its precondition refused it; nothing was run. */
public class QueueChangeRefused extends Exception {
    public QueueChangeRefused(String message) {
        super(message);
    }
}
