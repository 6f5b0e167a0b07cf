/**
 * DNS block lists: which of a server's outbound addresses a list names, what the list's answer
 * code means, and what to do to get off it. Queries go through dnsjava to the resolver the
 * inventory names ({@code dns_resolver}): Spamhaus answers a query relayed by a public resolver
 * with an error code (127.255.255.254), never with the truth, so the resolver matters. NXDOMAIN is
 * "not listed"; a timeout, SERVFAIL or error code is "unknown" and reported as an error, never as a
 * clean result.
 */
package org.quench.mail.dnsbl;
