package org.quench.runbook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the text of a parameter value (from {@code -e key=value} or a runbook default) into the
 * Java value of its type. Failures are {@link IllegalArgumentException}s whose message completes
 * the sentence {@code parameter user: "bob" ...}.
 */
public final class ParamValueParser {
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private ParamValueParser() {
    }

    /** Parses {@code text} as {@code type}: String, Long, Boolean, Duration or List of String. */
    public static Object parse(ParamType type, String text) {
        String quoted = "\"" + text + "\"";
        switch (type) {
            case STRING:
                return text;
            case INT:
                try {
                    return Long.parseLong(text.strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(quoted + " is not a whole number");
                }
            case BOOL:
                switch (text.strip().toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on", "1":
                        return true;
                    case "false", "no", "off", "0":
                        return false;
                    default:
                        throw new IllegalArgumentException(quoted + " is not true or false");
                }
            case EMAIL:
                if (!EMAIL.matcher(text).matches()) {
                    throw new IllegalArgumentException(quoted + " is not an email address");
                }
                return text;
            case IP:
                if (!isIp(text)) {
                    throw new IllegalArgumentException(quoted + " is not an IP address");
                }
                return text;
            case CIDR:
                checkCidr(text, quoted);
                return text;
            case DURATION:
                return DurationParser.parse(text);
            case LIST:
                List<String> items = new ArrayList<>();
                for (String item : text.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
                return List.copyOf(items);
            default:
                throw new IllegalStateException("unhandled type " + type);
        }
    }

    static boolean isIp(String text) {
        return IPV4.matcher(text).matches() || isIpv6(text);
    }

    private static boolean isIpv6(String text) {
        // Only a literal can reach InetAddress here (a ':' and nothing but hex, ':' and '.'), so no
        // name is ever looked up in DNS.
        if (!text.contains(":") || !IPV6_CHARS.matcher(text).matches()) {
            return false;
        }
        try {
            InetAddress.getByName(text);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkCidr(String text, String quoted) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException(quoted + " is not a CIDR network (like 10.0.0.0/8)");
        }
        String address = text.substring(0, slash);
        String prefix = text.substring(slash + 1);
        boolean v4 = IPV4.matcher(address).matches();
        if (!v4 && !isIpv6(address)) {
            throw new IllegalArgumentException(quoted + " is not a CIDR network (like 10.0.0.0/8)");
        }
        int max = v4 ? 32 : 128;
        if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > max) {
            throw new IllegalArgumentException(quoted + " has a prefix out of range (/0 to /" + max + ")");
        }
    }
}
