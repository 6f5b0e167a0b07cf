/**
 * What a mail server really trusts to relay without authentication.
 *
 * <p>API (small on purpose; the trusted-relay audit reuses it):
 * {@link org.quench.mail.trust.TrustReader} {@code read(platform)} over a
 * {@link org.quench.mail.trust.HostShell} → {@link org.quench.mail.trust.EffectiveTrust}: the
 * {@link org.quench.mail.trust.TrustEntry} list ({@link org.quench.mail.trust.Cidr} + origin, in
 * Postfix's first-match order), {@link org.quench.mail.trust.EffectiveTrust#matchingEntry(String)},
 * {@link org.quench.mail.trust.EffectiveTrust#trusts(String)}, the parts that cannot be listed
 * ({@link org.quench.mail.trust.Unresolved}) and the platform's own list
 * ({@link org.quench.mail.trust.PlatformTrust}: BlueMind sysconf {@code mynetworks}, Zimbra
 * {@code zimbraMtaMyNetworks}, a note for Plesk). {@link org.quench.mail.trust.TrustListParser} is
 * the pure parser behind it. As a step: {@code uses: postfix.trust}
 * ({@link org.quench.mail.trust.TrustModule}).
 */
package org.quench.mail.trust;
