package org.quench.mail.queue;

/** Output of a Postfix queue tool that cannot be read: says which tool, which line and why. */
public class QueueOutputException extends RuntimeException {
    public QueueOutputException(String message) {
        super(message);
    }

    public QueueOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
