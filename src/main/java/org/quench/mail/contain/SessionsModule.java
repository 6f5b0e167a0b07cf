package org.quench.mail.contain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code account.sessions}: an account's live sessions, for the "no session left" verification.
 * postfix/plesk: {@code doveadm who -1 USER}. bluemind 5.x: {@code bm-cli user sessions --json},
 * filtered here to the sessions naming the account (the JSON member names are not verified: any
 * member equal to the login counts, and members whose name mentions "address" or "ip" give the
 * addresses). BlueMind 4.x and Zimbra have no documented session listing: refused with a reason.
 *
 * <p>Returns {@code {user, sessions, ips}}: the number of sessions and their distinct client
 * addresses.
 */
public final class SessionsModule implements StepModule {
    static final String NAME = "account.sessions";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("user", "platform", "bluemind_version"), Set.of("user"),
                "an account's live sessions (doveadm who / bm-cli user sessions)");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        String user = AccountName.check(NAME, a.required("user"));
        Platform platform = Platform.of(NAME, a.text("platform"), host);
        String command = switch (platform) {
            case POSTFIX, PLESK -> DovecotSessions.whoCommand(user);
            case BLUEMIND -> {
                String v = a.text("bluemind_version") != null ? a.text("bluemind_version") : host.var("bluemind_version");
                if (BlueMindVersion.major(NAME, v) < 5) {
                    throw new IllegalArgumentException(NAME + ": BlueMind 4.x has no session listing in bm-cli"
                            + " (`bm-cli user sessions` exists from 5.x)");
                }
                yield "bm-cli user sessions --json";
            }
            case ZIMBRA -> throw new IllegalArgumentException(NAME + ": Zimbra has no documented command listing an"
                    + " account's sessions; verify the password change instead (zimbraAuthTokenValidityValue)");
        };
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                return List.of(new PlannedCommand(command, null));
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                List<String> ips = new ArrayList<>();
                int sessions;
                if (platform == Platform.BLUEMIND) {
                    ExecResult r = ctx.exec(command, null, ctx.timeout());
                    if (!r.ok()) throw new ModuleFailure(NAME + ": bm-cli failed (exit " + r.exitCode() + "): " + r.stderr().strip());
                    sessions = blueMindSessions(r.stdout(), user, ips);
                } else {
                    List<DovecotSessions.Connection> c = DovecotSessions.list(ctx, user);
                    sessions = c.size();
                    c.forEach(s -> ips.add(s.ip()));
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("user", user);
                out.put("sessions", sessions);
                out.put("ips", new ArrayList<>(new LinkedHashSet<>(ips)));
                return out;
            }
        };
    }

    static int blueMindSessions(String json, String user, List<String> ips) throws ModuleFailure {
        JsonNode root;
        try {
            root = JSON.readTree(json.isBlank() ? "[]" : json);
        } catch (JsonProcessingException e) {
            throw new ModuleFailure(NAME + ": bm-cli user sessions --json printed no JSON: " + e.getOriginalMessage());
        }
        int n = 0;
        for (JsonNode s : root.isArray() ? root : List.of(root)) {
            if (!mentions(s, user)) continue;
            n++;
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = f.getKey().toLowerCase(Locale.ROOT);
                if (!key.contains("address") && !key.equals("ip") && !key.endsWith("ips")) continue;
                if (f.getValue().isArray()) f.getValue().forEach(v -> ips.add(v.asText()));
                else ips.add(f.getValue().asText());
            }
        }
        return n;
    }

    private static boolean mentions(JsonNode session, String user) {
        for (JsonNode v : session) {
            if (v.isTextual() && v.asText().equalsIgnoreCase(user)) return true;
        }
        return false;
    }
}
