package org.quench.history;

import java.time.Duration;

/**
 * How many run records to keep. Both limits are optional; with neither, nothing is ever deleted
 * (the default: a record holds the evidence of what was done, deleting it must be a decision).
 *
 * @param maxCount keep at most this many records (the newest)
 * @param maxAge   delete records whose run started longer ago than this
 */
public record RetentionPolicy(Integer maxCount, Duration maxAge) {
    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(null, null);

    public boolean keepsAll() {
        return maxCount == null && maxAge == null;
    }

    /** Before a new record is created: it counts toward maxCount, so one fewer old record stays. */
    public RetentionPolicy makingRoomForOne() {
        return maxCount == null ? this : new RetentionPolicy(Math.max(0, maxCount - 1), maxAge);
    }

    /** Each limit given here replaces the configured one. */
    public RetentionPolicy overriddenBy(Integer count, Duration age) {
        return new RetentionPolicy(count != null ? count : maxCount, age != null ? age : maxAge);
    }
}
