package org.quench.mail.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tally of one corpus: cases where quench agrees with the upstream expectation, and every
 * disagreement keyed so it can be looked up in
 * {@code src/test/resources/conformance-known-disagreements.md}. A disagreement missing from
 * that file fails the test: each one must be either fixed or explained.
 */
final class Agreement {
    private static final String KNOWN = "/conformance-known-disagreements.md";

    private final String corpus;
    private int agree;
    private final List<String> disagreements = new ArrayList<>();

    Agreement(String corpus) {
        this.corpus = corpus;
    }

    void agree() {
        agree++;
    }

    /** @param key stable id such as {@code fail2ban-postfix:L57}; {@code detail} says what differed */
    void disagree(String key, String detail) {
        disagreements.add(key + " — " + detail);
    }

    void check(boolean ok, String key, String detail) {
        if (ok) {
            agree();
        } else {
            disagree(key, detail);
        }
    }

    int total() {
        return agree + disagreements.size();
    }

    double ratio() {
        return total() == 0 ? 1.0 : (double) agree / total();
    }

    /** Prints the figure and the disagreements, then asserts the floor and the allow-list. */
    void report(double floor) {
        System.out.printf(Locale.ROOT, "%s: %d/%d agree (%.1f%%)%n", corpus, agree, total(), 100 * ratio());
        String known = knownDisagreements();
        List<String> unexplained = new ArrayList<>();
        for (String d : disagreements) {
            String key = d.substring(0, d.indexOf(" — "));
            boolean listed = known.contains("`" + key + "`");
            System.out.println("  " + (listed ? "known  " : "NEW    ") + d);
            if (!listed) {
                unexplained.add(d);
            }
        }
        assertThat(unexplained).as(corpus + ": disagreements not explained in " + KNOWN).isEmpty();
        assertThat(ratio()).as(corpus + " agreement floor").isGreaterThanOrEqualTo(floor);
    }

    private static String knownDisagreements() {
        try (InputStream in = Agreement.class.getResourceAsStream(KNOWN)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
