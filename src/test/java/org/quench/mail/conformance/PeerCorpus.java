package org.quench.mail.conformance;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Where the public peer corpora live. They are read in place and never copied into the repo
 * (their licences differ: GPL, AGPL, MIT, BSD, ISC). Location: {@code $QUENCH_PEERS}, else
 * {@code ../shared/peers} relative to the Maven basedir (CI checks out {@code shared/} beside the
 * clone). Absent corpora fail the build on CI ({@code CI=true}) and skip the test elsewhere.
 */
final class PeerCorpus {
    private PeerCorpus() {
    }

    static Path root() {
        String env = System.getenv("QUENCH_PEERS");
        Path dir;
        if (env != null && !env.isBlank()) {
            dir = Path.of(env);
        } else {
            String basedir = System.getProperty("basedir", System.getProperty("user.dir"));
            dir = Path.of(basedir).resolve("../shared/peers").normalize();
        }
        if (!Files.isDirectory(dir)) {
            String why = "peer corpora not found at " + dir
                    + " (set QUENCH_PEERS or check out shared/ beside the repository)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            System.out.println("SKIP conformance: " + why);
            Assumptions.abort(why);
        }
        return dir;
    }

    /** A file or directory inside one corpus; missing inside a present root is a real failure. */
    static Path path(String relative) {
        Path p = root().resolve(relative);
        if (!Files.exists(p)) {
            fail("peer corpus file missing: " + p);
        }
        return p;
    }
}
