package org.quench.mail.detect;

import org.quench.mail.detect.HostLogScan.Range;
import org.quench.mail.detect.SubmissionSampler.Submission;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which bytes the second pass reads: per file, from the first sampled submission to the last plus
 * {@code slack} bytes (the qmgr, delivery and bounce lines of a message follow its {@code client=}
 * line within seconds; a retry hours later is not needed for a sample), overlapping ranges merged.
 * For journald, the same by time.
 */
record SecondPassPlan(List<Range> ranges, Set<String> queueIds, Instant from, Instant until) {
    static final long SLACK_BYTES = 8L << 20;
    static final Duration SLACK_TIME = Duration.ofMinutes(10);

    static SecondPassPlan of(List<Submission> sample, List<String> files) {
        Set<String> ids = new LinkedHashSet<>();
        List<long[]> spans = new ArrayList<>(); // {file, start, end}
        Instant from = null;
        Instant until = null;
        for (Submission s : sample) {
            ids.add(s.queueId());
            if (s.time() != null) {
                from = from == null || s.time().isBefore(from) ? s.time() : from;
                until = until == null || s.time().isAfter(until) ? s.time() : until;
            }
            if (s.file() >= 0 && s.file() < files.size() && s.offset() >= 0) {
                spans.add(new long[]{s.file(), s.offset(), s.offset() + SLACK_BYTES});
            }
        }
        spans.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        List<Range> ranges = new ArrayList<>();
        long[] open = null;
        for (long[] s : spans) {
            if (open != null && open[0] == s[0] && s[1] <= open[2]) {
                open[2] = Math.max(open[2], s[2]);
            } else {
                if (open != null) {
                    ranges.add(new Range(files.get((int) open[0]), open[1], open[2] - open[1]));
                }
                open = s.clone();
            }
        }
        if (open != null) {
            ranges.add(new Range(files.get((int) open[0]), open[1], open[2] - open[1]));
        }
        return new SecondPassPlan(List.copyOf(ranges), ids,
                from == null ? null : from.minusSeconds(1), until == null ? null : until.plus(SLACK_TIME));
    }

    long bytesPlanned() {
        return ranges.stream().mapToLong(Range::length).sum();
    }
}
