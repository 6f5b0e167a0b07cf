package org.quench.lab.mail;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An IMAP session held open, as a mail client keeps one: logged in with a selected INBOX, so that
 * {@code doveadm who} lists it and {@code doveadm kick} has something to close.
 */
public final class Imap implements Closeable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;
    private int tag;

    private Imap(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = socket.getOutputStream();
    }

    /** Logs in with LOGIN and selects INBOX; fails with the server's words when refused. */
    public static Imap open(String host, int port, String localAddress, String user, String password) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoTimeout(15_000);
            s.bind(new InetSocketAddress(localAddress, 0));
            s.connect(new InetSocketAddress(host, port), 5_000);
            Imap imap = new Imap(s);
            String greeting = imap.in.readLine();
            if (greeting == null || !greeting.startsWith("* OK")) throw new IOException("IMAP greeting: " + greeting);
            imap.expectOk("LOGIN " + quoted(user) + " " + quoted(password));
            imap.expectOk("SELECT INBOX");
            return imap;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** True while the server still answers NOOP on this session. */
    public boolean isOpen() {
        try {
            return run("NOOP").startsWith("OK");
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for the server to end the session (after {@code doveadm kick}); false on timeout. */
    public boolean awaitClosedByServer(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            socket.setSoTimeout(200);
            try {
                String line = in.readLine();
                if (line == null) return true;
            } catch (SocketTimeoutException e) {
                // still open: keep waiting
            } catch (IOException e) {
                return true;
            }
        }
        return false;
    }

    /**
     * The messages of INBOX that have header {@code name} containing {@code value} (IMAP SEARCH
     * HEADER, so Dovecot does the matching), each as its full text (headers and body).
     */
    public List<String> messagesWithHeader(String name, String value) throws IOException {
        List<String> found = new ArrayList<>();
        expectOk("NOOP"); // let the server report mail delivered since SELECT
        List<String> lines = new ArrayList<>();
        String status = run("SEARCH HEADER " + quoted(name) + " " + quoted(value), lines);
        if (!status.startsWith("OK")) throw new IOException("IMAP SEARCH: " + status);
        for (String l : lines) {
            if (!l.startsWith("* SEARCH")) continue;
            for (String n : l.substring("* SEARCH".length()).strip().split(" ")) {
                if (n.isEmpty()) continue;
                List<String> body = new ArrayList<>();
                String st = run("FETCH " + n + " BODY.PEEK[]", body);
                if (!st.startsWith("OK")) throw new IOException("IMAP FETCH: " + st);
                found.add(String.join("\n", body));
            }
        }
        return found;
    }

    private void expectOk(String command) throws IOException {
        String status = run(command);
        if (!status.startsWith("OK")) throw new IOException("IMAP " + command.split(" ")[0] + ": " + status);
    }

    /** Sends a tagged command, skips untagged data, returns the tagged status (OK/NO/BAD …). */
    private String run(String command) throws IOException {
        return run(command, new ArrayList<>());
    }

    /** Like {@link #run(String)}, keeping every line before the tagged status in {@code untagged}. */
    private String run(String command, List<String> untagged) throws IOException {
        String t = "a" + (++tag);
        out.write((t + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(t + " ")) return line.substring(t.length() + 1);
            if (line.startsWith("* BYE")) throw new IOException("server closed the session: " + line);
            untagged.add(line);
        }
        throw new IOException("IMAP connection closed");
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
