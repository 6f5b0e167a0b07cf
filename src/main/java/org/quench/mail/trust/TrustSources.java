package org.quench.mail.trust;

/**
 * What {@link TrustListParser} may ask the host while following references: a parameter's
 * expanded value and a file's content. Kept apart so the parsing is pure and tested without a
 * host; {@link TrustReader} answers over the step's connection.
 */
public interface TrustSources {

    /** {@code postconf -hx NAME}; null when Postfix does not know the parameter. */
    String parameter(String name) throws TrustReadException;

    /** A file's content; null when it does not exist or cannot be read (then it is reported, not guessed). */
    String file(String path) throws TrustReadException;
}
