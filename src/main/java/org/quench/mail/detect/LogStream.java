package org.quench.mail.detect;

import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one filtering script on the host and parses its output while it arrives: the transport
 * writes into a {@link ChunkPipe}, a second thread parses from it. Parsing overlaps the remote
 * grep and the transfer (two cores do two things), and at most a few chunks are ever held.
 */
final class LogStream {
    private static final int DEPTH = 16;

    /** What one pass cost: lines and bytes received, events in the window, wall time. */
    record Pass(long lines, long events, long bytes, long millis) {
    }

    private LogStream() {
    }

    static Pass run(ModuleContext ctx, String script, OffsetLogReader reader, OffsetLogReader.Sink sink)
            throws TransportException, ModuleFailure {
        long started = System.nanoTime();
        ChunkPipe pipe = new ChunkPipe(DEPTH);
        AtomicReference<Throwable> parseError = new AtomicReference<>();
        Thread parser = new Thread(() -> {
            try (InputStream in = pipe.source()) {
                reader.read(in, sink);
            } catch (Throwable t) {
                parseError.set(t);
                pipe.abandon();
            }
        }, "log-parser");
        parser.setDaemon(true);
        parser.start();
        ExecResult r;
        OutputStream out = pipe.sink();
        try {
            r = ctx.stream("sh -s", script.getBytes(StandardCharsets.UTF_8), ctx.timeout(), out);
        } finally {
            try {
                out.close();
            } catch (IOException ignored) {
                // the parser already failed; its error is reported below
            }
        }
        try {
            parser.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModuleFailure("interrupted while parsing the log");
        }
        if (parseError.get() != null) {
            throw new ModuleFailure("parsing the log failed: " + parseError.get());
        }
        if (!r.ok()) {
            throw new ModuleFailure("log scan failed (exit " + r.exitCode() + "): " + r.stderr().strip());
        }
        return new Pass(reader.lines(), reader.events(), pipe.bytes(), (System.nanoTime() - started) / 1_000_000);
    }
}
