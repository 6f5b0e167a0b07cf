package org.quench.mail.trust;

import org.quench.expr.ShellQuote;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what a host trusts (see {@link EffectiveTrust}): one {@code postconf} probe (config
 * directory, mynetworks_style, whether and how mynetworks is set, its value with and without
 * expansion), then one read per {@code $name} and per referenced file. On BlueMind and Zimbra it
 * also reads the platform's own list; on Plesk it says the White List has no verified CLI.
 * Every command only reads; file paths are shell-quoted.
 *
 * <p>Usage: {@code new TrustReader(c -> ctx.exec(c, null, ctx.timeout())).read("postfix")}.
 */
public final class TrustReader {
    /** Over SSH a non-login PATH may lack /usr/sbin; Zimbra keeps Postfix under /opt/zimbra/common/sbin. */
    static final String PATH = "PATH=\"$PATH:/usr/sbin:/sbin:/opt/zimbra/common/sbin\"; export PATH; ";
    static final String PROBE = PATH + "c=$(postconf -h config_directory) && s=$(postconf -hx mynetworks_style) "
            + "&& n=$(postconf -n mynetworks) && r=$(postconf -h mynetworks) || exit 1; "
            + "printf 'config_directory=%s\\nstyle=%s\\nexplicit=%s\\nraw=%s\\n' \"$c\" \"$s\" \"$n\" \"$r\"";
    static final String BLUEMIND = "bm-cli sysconf list";
    static final String ZIMBRA_SERVER = "su - zimbra -c '/opt/zimbra/bin/zmprov gs $(/opt/zimbra/bin/zmhostname) zimbraMtaMyNetworks'";
    static final String ZIMBRA_GLOBAL = "su - zimbra -c '/opt/zimbra/bin/zmprov gacf zimbraMtaMyNetworks'";
    static final String PLESK_NOTE = "Plesk keeps its trusted networks in the White List (Tools & Settings > Mail Server"
            + " Settings > White List); no verified CLI reads it, so only Postfix's effective mynetworks is shown";

    private final HostShell shell;

    public TrustReader(HostShell shell) {
        this.shell = shell;
    }

    /** The commands {@link #read} runs first, for a plan or a log (file and $name reads follow as needed). */
    public static List<String> commands(String platform) {
        List<String> out = new ArrayList<>(List.of(PROBE));
        switch (platform(platform)) {
            case "bluemind" -> out.add(BLUEMIND);
            case "zimbra" -> out.addAll(List.of(ZIMBRA_SERVER, ZIMBRA_GLOBAL));
            default -> {
            }
        }
        return out;
    }

    /**
     * @param platform {@code postfix} (or null), {@code bluemind}, {@code zimbra}, {@code plesk}
     * @throws TrustReadException when postconf (or the platform's CLI) cannot be run
     */
    public EffectiveTrust read(String platform) throws TrustReadException {
        String p = platform(platform);
        Map<String, String> probe = keyValues(run(PROBE, "read mynetworks with postconf"));
        String configDir = probe.getOrDefault("config_directory", "/etc/postfix");
        String style = probe.getOrDefault("style", "");
        String raw = probe.getOrDefault("raw", "");
        boolean explicit = !probe.getOrDefault("explicit", "").isBlank();
        String mainCf = configDir + "/main.cf";
        String origin = explicit ? "mynetworks in " + mainCf
                : "mynetworks_style = " + style + " (mynetworks is not set in " + mainCf + "; Postfix's computed default)";
        TrustListParser.Result r = TrustListParser.parse(raw, origin, sources());
        PlatformTrust platformTrust = switch (p) {
            case "bluemind" -> blueMind();
            case "zimbra" -> zimbra();
            case "plesk" -> new PlatformTrust("plesk", "White List", null, null, List.of(), List.of(), PLESK_NOTE);
            default -> null;
        };
        return new EffectiveTrust(raw, explicit ? mainCf : null, style, r.entries(), r.unresolved(), platformTrust);
    }

    private TrustSources sources() {
        return new TrustSources() {
            @Override
            public String parameter(String name) throws TrustReadException {
                ExecResult r = exec(PATH + "postconf -hx " + ShellQuote.quote(name));
                // postconf knows a parameter of the administrator's own only when main.cf uses it
                // ($name in mynetworks does); an unknown name prints nothing but a warning
                boolean unknown = r.stdout().isBlank() && r.stderr().contains("unknown parameter");
                return r.ok() && !unknown ? r.stdout().strip() : null;
            }

            @Override
            public String file(String path) throws TrustReadException {
                ExecResult r = exec("cat -- " + ShellQuote.quote(path));
                return r.ok() ? r.stdout() : null;
            }
        };
    }

    private PlatformTrust blueMind() throws TrustReadException {
        String value = SysconfTable.value(run(BLUEMIND, "read BlueMind's system configuration"), "mynetworks");
        String origin = "BlueMind system configuration mynetworks (bm-cli sysconf)";
        if (value == null) {
            return new PlatformTrust("bluemind", "mynetworks", null, null, List.of(), List.of(),
                    "bm-cli sysconf list shows no mynetworks row");
        }
        TrustListParser.Result r = TrustListParser.parse(value, origin, noReferences());
        return new PlatformTrust("bluemind", "mynetworks", "sysconf", value, r.entries(), r.unresolved(),
                "BlueMind re-adds 127.0.0.0/8 and its own servers' addresses to this list and drops ! exclusions");
    }

    private PlatformTrust zimbra() throws TrustReadException {
        List<String> server = ZmprovAttribute.values(run(ZIMBRA_SERVER, "read zimbraMtaMyNetworks of this server"),
                "zimbraMtaMyNetworks");
        List<String> global = ZmprovAttribute.values(run(ZIMBRA_GLOBAL, "read the global zimbraMtaMyNetworks"),
                "zimbraMtaMyNetworks");
        // a server value overrides the global one (zimbra-attrs.xml)
        String scope = server.isEmpty() ? "global" : "server";
        List<String> values = server.isEmpty() ? global : server;
        String value = String.join(", ", values);
        String origin = "zimbraMtaMyNetworks (" + ("server".equals(scope) ? "this server" : "global config") + ", zmprov)";
        TrustListParser.Result r = TrustListParser.parse(value, origin, noReferences());
        return new PlatformTrust("zimbra", "zimbraMtaMyNetworks", scope, value, r.entries(), r.unresolved(),
                "zmconfigd writes main.cf's mynetworks from this attribute: change it here, not in main.cf");
    }

    /** Platform values are networks only: a reference there is reported, not followed on the host. */
    private static TrustSources noReferences() {
        return new TrustSources() {
            @Override
            public String parameter(String name) {
                return null;
            }

            @Override
            public String file(String path) {
                return null;
            }
        };
    }

    private String run(String command, String what) throws TrustReadException {
        ExecResult r = exec(command);
        if (!r.ok()) {
            throw new TrustReadException("cannot " + what + " (`" + command.replace(PATH, "") + "` exit " + r.exitCode()
                    + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip().lines().findFirst().orElse("")) + ")");
        }
        return r.stdout();
    }

    private ExecResult exec(String command) throws TrustReadException {
        try {
            return shell.run(command);
        } catch (TransportException e) {
            throw new TrustReadException(e.getMessage(), e);
        }
    }

    static Map<String, String> keyValues(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
        }
        return m;
    }

    /** The platform name, validated: postfix (also for null or blank), bluemind, zimbra or plesk. */
    public static String platform(String platform) {
        String p = platform == null || platform.isBlank() ? "postfix" : platform.strip().toLowerCase(Locale.ROOT);
        if (!List.of("postfix", "bluemind", "zimbra", "plesk").contains(p)) {
            throw new IllegalArgumentException("unknown platform '" + platform + "' (expected postfix, bluemind, zimbra or plesk)");
        }
        return p;
    }
}
