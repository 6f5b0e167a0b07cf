package org.quench.inventory;

/** A {@code -l} pattern selects no host, or part of it names nothing; the message suggests close names. */
public class HostPatternException extends Exception {
    public HostPatternException(String message) {
        super(message);
    }
}
