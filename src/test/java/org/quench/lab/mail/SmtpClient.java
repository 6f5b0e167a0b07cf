package org.quench.lab.mail;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small SMTP client for producing incidents: one connection from a chosen 127.x address, EHLO
 * with a chosen name, AUTH PLAIN or LOGIN once, then many messages, each with its own envelope
 * sender and recipients. Uses PIPELINING when offered (MAIL, RCPTs and DATA in one write), which
 * is what makes it ~30× faster than one swaks process per message. No TLS: the lab is loopback.
 * Strings are sent as given, hostile ones included: that is the point of some tests.
 */
public final class SmtpClient implements Closeable {
    private static final Pattern QUEUED_AS = Pattern.compile("queued as (\\S+)");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Set<String> extensions = new HashSet<>();

    private SmtpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects from {@code localAddress} (any 127.x: it stands for a distinct client) and reads the greeting. */
    public static SmtpClient connect(String host, int port, String localAddress) throws IOException {
        Socket s = new Socket();
        try {
            s.setSoTimeout(30_000);
            s.setTcpNoDelay(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(host, port), 5_000);
            SmtpClient c = new SmtpClient(s);
            c.expect("greeting", c.read());
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    public SmtpReply ehlo(String heloName) throws IOException {
        SmtpReply r = expect("EHLO", command("EHLO " + heloName));
        extensions.clear();
        for (String line : r.lines().subList(1, r.lines().size())) {
            extensions.add(line.split(" ", 2)[0].toUpperCase(Locale.ROOT));
        }
        return r;
    }

    public void authPlain(String user, String password) throws IOException {
        expect("AUTH PLAIN", tryAuthPlain(user, password));
    }

    /** AUTH PLAIN without failing on refusal: for brute-force scenarios. */
    public SmtpReply tryAuthPlain(String user, String password) throws IOException {
        String token = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        return command("AUTH PLAIN " + token);
    }

    public void authLogin(String user, String password) throws IOException {
        expect("AUTH LOGIN", tryAuthLogin(user, password));
    }

    public SmtpReply tryAuthLogin(String user, String password) throws IOException {
        SmtpReply r = command("AUTH LOGIN");
        if (r.code() != 334) return r;
        r = command(b64(user));
        if (r.code() != 334) return r;
        return command(b64(password));
    }

    /** Sends one message and returns its queue id; throws when the server refuses any part. */
    public String send(String envelopeFrom, List<String> recipients, String message) throws IOException {
        Transaction t = trySend(envelopeFrom, recipients, message);
        expect("MAIL FROM", t.mail());
        for (SmtpReply r : t.recipients()) expect("RCPT TO", r);
        expect("DATA", t.data());
        return t.queueId();
    }

    /**
     * One transaction, reporting every reply instead of failing: recipients may be partly refused
     * (relay denied), and then the accepted ones still get the message.
     */
    public Transaction trySend(String envelopeFrom, List<String> recipients, String message) throws IOException {
        boolean pipelining = extensions.contains("PIPELINING");
        List<String> commands = new ArrayList<>();
        commands.add("MAIL FROM:<" + envelopeFrom + ">");
        for (String r : recipients) commands.add("RCPT TO:<" + r + ">");
        commands.add("DATA");
        List<SmtpReply> replies = new ArrayList<>();
        if (pipelining) {
            for (String c : commands) write(c);
            out.flush();
            for (int i = 0; i < commands.size(); i++) replies.add(read());
        } else {
            for (String c : commands) replies.add(command(c));
        }
        SmtpReply mail = replies.get(0);
        List<SmtpReply> rcpts = replies.subList(1, replies.size() - 1);
        SmtpReply data = replies.get(replies.size() - 1);
        if (data.code() == 354) {
            out.write(dotStuffed(message));
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            data = read();
        } else {
            // a refused DATA can leave MAIL FROM in effect: start the next transaction clean
            command("RSET");
        }
        Matcher m = QUEUED_AS.matcher(data.text());
        return new Transaction(mail, rcpts, data, data.code() == 250 && m.find() ? m.group(1) : null);
    }

    /** Replies of one transaction; {@code queueId} is set when the message was queued. */
    public record Transaction(SmtpReply mail, List<SmtpReply> recipients, SmtpReply data, String queueId) {
        public Transaction {
            recipients = List.copyOf(recipients);
        }
    }

    public SmtpReply command(String line) throws IOException {
        write(line);
        out.flush();
        return read();
    }

    /** A plain RFC 5322 message with the given header From (which may differ from the envelope). */
    public static String message(String headerFrom, List<String> to, String subject, String body) {
        return "From: " + headerFrom + "\r\n"
                + "To: " + String.join(", ", to) + "\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: <" + System.nanoTime() + "." + Thread.currentThread().getId() + "@lab.test>\r\n"
                + "\r\n" + body + "\r\n";
    }

    public void quit() throws IOException {
        command("QUIT");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private SmtpReply read() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3) throw new IOException("malformed SMTP reply: '" + line + "'");
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) == ' ') {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
                return sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("connection closed by the server" + (sb.length() > 0 ? " after '" + sb + "'" : ""));
    }

    private static SmtpReply expect(String what, SmtpReply r) throws SmtpException {
        if (!r.positive()) throw new SmtpException(what, r);
        return r;
    }

    private static byte[] dotStuffed(String message) {
        StringBuilder sb = new StringBuilder(message.length() + 16);
        for (String line : message.split("\r?\n", -1)) {
            if (line.startsWith(".")) sb.append('.');
            sb.append(line).append("\r\n");
        }
        // split leaves one empty element after a final newline: drop the blank line it produced
        if (message.endsWith("\n")) sb.setLength(sb.length() - 2);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
