package org.quench.mail.dnsbl;

import org.quench.mail.trust.Cidr;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One resolver, asked directly (no search list, no cache, no fallback to another server): the
 * answer a list gives this resolver is the one the mail server gets. Asking only what is needed,
 * a timed-out query is tried once more, then reported as unknown.
 */
public final class DnsResolver {
    private final InetSocketAddress server;
    private final Duration timeout;

    private DnsResolver(InetSocketAddress server, Duration timeout) {
        this.server = server;
        this.timeout = timeout;
    }

    /**
     * {@code address} is {@code IP}, {@code IP:PORT}, {@code [IPv6]:PORT} or a bare IPv6; never a
     * name, which would need a resolver to find the resolver. Null or blank: the first nameserver of
     * this machine's resolver configuration.
     */
    public static DnsResolver at(String address, Duration timeout) {
        if (address == null || address.isBlank()) {
            List<InetSocketAddress> servers = ResolverConfig.getCurrentConfig().servers();
            if (servers.isEmpty()) throw new IllegalArgumentException("no dns_resolver given and this machine has no nameserver configured");
            return new DnsResolver(servers.get(0), timeout);
        }
        String a = address.strip();
        String host = a;
        int port = 53;
        if (a.startsWith("[")) {
            int close = a.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("dns_resolver '" + address + "': missing ]");
            host = a.substring(1, close);
            String rest = a.substring(close + 1);
            if (!rest.isEmpty()) port = port(rest.startsWith(":") ? rest.substring(1) : rest, address);
        } else if (a.indexOf(':') == a.lastIndexOf(':') && a.indexOf(':') > 0) {
            host = a.substring(0, a.indexOf(':'));
            port = port(a.substring(a.indexOf(':') + 1), address);
        }
        if (!Cidr.isLiteral(host) || !Cidr.parse(host).singleAddress()) {
            throw new IllegalArgumentException("dns_resolver '" + address + "' must be an IP address (optionally :port), not a name");
        }
        try {
            return new DnsResolver(new InetSocketAddress(InetAddress.getByAddress(Cidr.parse(host).bytes()), port), timeout);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("dns_resolver '" + address + "': " + e.getMessage());
        }
    }

    private static int port(String p, String address) {
        try {
            int n = Integer.parseInt(p);
            if (n >= 1 && n <= 65535) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("dns_resolver '" + address + "': port must be 1-65535");
    }

    /** {@code host:port} as people write it. */
    public String describe() {
        String h = server.getAddress().getHostAddress();
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + server.getPort();
    }

    /** What came back: NXDOMAIN, answers, or a problem (timeout, SERVFAIL, REFUSED…). */
    public record Reply(boolean nxdomain, List<String> values, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    /** Sends the query now; the reply arrives later (dnsjava's own I/O thread). */
    public CompletableFuture<Reply> a(String name) {
        return ask(name, Type.A, 1);
    }

    public CompletableFuture<Reply> txt(String name) {
        return ask(name, Type.TXT, 1);
    }

    private CompletableFuture<Reply> ask(String name, int type, int retries) {
        Message query;
        try {
            query = Message.newQuery(Record.newRecord(Name.fromString(name.endsWith(".") ? name : name + "."), type, DClass.IN));
        } catch (TextParseException e) {
            return CompletableFuture.completedFuture(new Reply(false, List.of(), "not a DNS name: " + e.getMessage()));
        }
        SimpleResolver r = new SimpleResolver(server);
        r.setTimeout(timeout);
        return r.sendAsync(query).toCompletableFuture()
                .thenApply(m -> reply(m, type))
                .exceptionallyCompose(e -> {
                    Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (retries > 0) return ask(name, type, retries - 1);
                    String what = t instanceof java.net.SocketTimeoutException || t instanceof TimeoutException
                            ? "no answer within " + timeout.toMillis() + " ms" : t.getClass().getSimpleName() + ": " + t.getMessage();
                    return CompletableFuture.completedFuture(new Reply(false, List.of(), what + " from " + describe()));
                });
    }

    private Reply reply(Message m, int type) {
        int rcode = m.getRcode();
        if (rcode == Rcode.NXDOMAIN) return new Reply(true, List.of(), null);
        if (rcode != Rcode.NOERROR) return new Reply(false, List.of(), Rcode.string(rcode) + " from " + describe());
        List<String> values = new ArrayList<>();
        for (Record rec : m.getSection(Section.ANSWER)) {
            if (type == Type.A && rec instanceof ARecord a) values.add(a.getAddress().getHostAddress());
            if (type == Type.TXT && rec instanceof TXTRecord t) values.add(String.join("", t.getStrings()));
        }
        return new Reply(false, values, null);
    }

    /** Waits for a reply sent earlier, at most twice the timeout plus a margin (one retry). */
    Reply await(CompletableFuture<Reply> f) {
        try {
            return f.get(timeout.toMillis() * 2 + 2000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(false, List.of(), "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new Reply(false, List.of(), "no answer from " + describe() + ": " + e);
        }
    }
}
