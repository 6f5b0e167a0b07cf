package org.quench.transport;

/**
 * The host could not be reached or the command could not complete: connection refused, host key
 * unknown or changed, authentication failed, timeout, connection lost. The message is written for
 * the engineer (what happened and what to do), never a raw library message alone.
 */
public class TransportException extends Exception {
    public enum Reason { CONNECT, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, AUTH, TIMEOUT, CONNECTION_LOST, OTHER }

    private final Reason reason;

    public TransportException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TransportException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
