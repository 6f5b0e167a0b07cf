package org.quench.mail.trust;

/** The host could not tell what it trusts (postconf failed, the connection broke). */
public class TrustReadException extends Exception {
    public TrustReadException(String message) {
        super(message);
    }

    public TrustReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
