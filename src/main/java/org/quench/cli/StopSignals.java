package org.quench.cli;

import java.util.function.Consumer;

/**
 * SIGTERM and SIGINT as a request to stop, not an exit. The JVM's default turns them into an
 * exit with status 143/130 after shutdown hooks, which a supervisor (systemd, Jenkins) reads as a
 * failure; the scheduler wants to let the current run finish and exit 0. There is no public API
 * for catching signals; sun.misc.Signal (module jdk.unsupported) is the supported-in-practice one.
 */
final class StopSignals {
    private StopSignals() {
    }

    static void onStop(Consumer<String> stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stop.accept("SIG" + sig.getName()));
        }
    }
}
