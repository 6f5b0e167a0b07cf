package org.quench.runbook;

/**
 * A secret the engine generates per host with SecureRandom before the run starts (e.g. a new
 * password). It is reachable as {@code secrets.NAME} only in {@code stdin} and {@code env}
 * templates, masked in every output, and shown once at the end when {@code reveal} is true.
 */
public record SecretSpec(String name, int length, boolean reveal, SourcePos pos) {
}
