package org.quench.mail.detect;

/**
 * The detector's knobs, each a {@code with:} parameter of {@code mail.accounts} (runbook
 * parameters pass through). Defaults suit a small-to-medium server over a 1–2 h window; a large
 * one raises {@code min_messages} / {@code min_remote_recipients}.
 *
 * @param minMessages            volume from which an account's message count counts (default 50)
 * @param minRemoteRecipients    distinct remote recipients from which they count (default 50; 10× scores again)
 * @param minClientIps           distinct client IPs from which they count (default 5; 4× scores again)
 * @param minScore               score from which an account is reported compromised (default 5)
 * @param bruteForceMinFailures  failed logins from one IP from which it is reported (default 5)
 */
record Thresholds(long minMessages, long minRemoteRecipients, long minClientIps, long minScore,
                  long bruteForceMinFailures) {
    static final Thresholds DEFAULTS = new Thresholds(50, 50, 5, 5, 5);

    static Thresholds from(StepArguments with) {
        return new Thresholds(
                positive(with, "min_messages", DEFAULTS.minMessages),
                positive(with, "min_remote_recipients", DEFAULTS.minRemoteRecipients),
                positive(with, "min_client_ips", DEFAULTS.minClientIps),
                positive(with, "min_score", DEFAULTS.minScore),
                positive(with, "bruteforce_min_failures", DEFAULTS.bruteForceMinFailures));
    }

    private static long positive(StepArguments with, String key, long fallback) {
        long v = with.number(key, fallback);
        if (v < 1) {
            throw new IllegalArgumentException(AccountsModule.NAME + ": `" + key + "` must be at least 1, got " + v);
        }
        return v;
    }
}
