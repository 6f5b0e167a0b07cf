package org.quench.inventory;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The host variables quench itself reads, and a cheap type check for each. Any other variable is
 * data for runbooks and is passed through untouched.
 *
 * <table>
 * <tr><td>ansible_host</td><td>string: address to connect to (default: the host's name)</td></tr>
 * <tr><td>ansible_port</td><td>int 1..65535 (default: ~/.ssh/config, then 22)</td></tr>
 * <tr><td>ansible_user</td><td>string (default: ~/.ssh/config, then the local user)</td></tr>
 * <tr><td>ansible_ssh_private_key_file</td><td>string: key tried first</td></tr>
 * <tr><td>ansible_connection / connection</td><td>ssh (also smart, paramiko) or local</td></tr>
 * <tr><td>ansible_ssh_jump / jump_host</td><td>string [user@]host[:port][,next…]: jump host(s)</td></tr>
 * <tr><td>platform</td><td>postfix | bluemind | zimbra | plesk</td></tr>
 * <tr><td>mail_log</td><td>string or list of strings (paths or globs)</td></tr>
 * <tr><td>approved_relays, outbound_ips, dnsbl_zones</td><td>list of strings (a single string is accepted)</td></tr>
 * <tr><td>dns_resolver, known_hosts_file, lock_dir</td><td>string</td></tr>
 * </table>
 *
 * <p>{@code ansible_ssh_common_args}, {@code ansible_ssh_extra_args} and passwords are not used:
 * quench does not run the OpenSSH client and authenticates with keys only. They produce a warning,
 * not an error, so an existing Ansible inventory still loads.
 */
final class KnownHostVars {
    static final Set<String> PLATFORMS = Set.of("postfix", "bluemind", "zimbra", "plesk");
    private static final Set<String> SSH_CONNECTIONS = Set.of("ssh", "smart", "paramiko");
    private static final Set<String> STRING_VARS = Set.of("ansible_host", "ansible_user",
            "ansible_ssh_private_key_file", "ansible_ssh_jump", "jump_host", "dns_resolver",
            "known_hosts_file", "lock_dir");
    private static final Set<String> LIST_VARS = Set.of("mail_log", "approved_relays", "outbound_ips", "dnsbl_zones");
    private static final Set<String> IGNORED_WITH_WARNING = Set.of("ansible_ssh_common_args",
            "ansible_ssh_extra_args", "ansible_ssh_args", "ansible_password", "ansible_ssh_pass");

    private KnownHostVars() {}

    /** Reports a type problem through {@code problem} and an ignored option through {@code warning}. */
    static void check(String name, YamlNode value, Consumer<String> problem, Consumer<String> warning) {
        Object v = value.toJava();
        if (IGNORED_WITH_WARNING.contains(name)) {
            warning.accept(name + " is ignored: quench uses JSch, not the ssh client, and keys only"
                    + " (use ~/.ssh/config or jump_host instead)");
            return;
        }
        if (name.equals("ansible_port")) {
            Integer port = asInt(v);
            if (port == null || port < 1 || port > 65535) {
                problem.accept("ansible_port must be a port number 1..65535, not " + describe(value));
            }
        } else if (name.equals("platform")) {
            if (!(v instanceof String s) || !PLATFORMS.contains(s)) {
                problem.accept("platform must be one of postfix, bluemind, zimbra, plesk, not " + describe(value));
            }
        } else if (name.equals("ansible_connection") || name.equals("connection")) {
            if (!(v instanceof String s) || !(s.equals("local") || SSH_CONNECTIONS.contains(s))) {
                problem.accept(name + " must be ssh or local (quench supports no other), not " + describe(value));
            }
        } else if (STRING_VARS.contains(name)) {
            if (!(v instanceof String) && !(v instanceof Number)) {
                problem.accept(name + " must be a string, not " + value.kind());
            }
        } else if (LIST_VARS.contains(name)) {
            boolean ok = v instanceof String
                    || (v instanceof List<?> l && l.stream().allMatch(i -> i instanceof String));
            if (!ok) {
                problem.accept(name + " must be a list of strings, not " + value.kind());
            }
        }
    }

    static Integer asInt(Object v) {
        if (v instanceof Integer i) return i;
        if (v instanceof String s && s.matches("\\d{1,5}")) return Integer.valueOf(s);
        return null;
    }

    private static String describe(YamlNode value) {
        Object v = value.toJava();
        return v instanceof String || v instanceof Number || v instanceof Boolean
                ? "'" + v + "'" : value.kind();
    }
}
