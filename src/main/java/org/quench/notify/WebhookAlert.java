package org.quench.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.quench.audit.AuditCheck;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts an alert as JSON. {@code text} is what Slack (and Mattermost, Rocket.Chat, Teams'
 * Slack-compatible hooks) display; the other members carry the same content structured, for a
 * receiver that files tickets. A non-2xx answer is a failure.
 */
public final class WebhookAlert {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final AlertConfig.Webhook config;
    private final Duration timeout;

    public WebhookAlert(AlertConfig.Webhook config, Duration timeout) {
        this.config = config;
        this.timeout = timeout;
    }

    static String body(Alert alert) throws JsonProcessingException {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("text", "```\n" + alert.text() + "```");
        b.put("runId", alert.runId());
        b.put("runbook", alert.runbook());
        b.put("exitCode", alert.exitCode());
        b.put("new", alert.changes().appeared());
        b.put("resolved", alert.changes().resolved());
        List<Map<String, Object>> checks = new ArrayList<>();
        for (AuditCheck c : alert.checks()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", c.host());
            m.put("check", c.check());
            m.put("status", c.status());
            m.put("findings", c.items().stream().map(AuditCheck.Item::text).toList());
            checks.add(m);
        }
        b.put("checks", checks);
        return JSON.writeValueAsString(b);
    }

    /** @throws IOException when the receiver cannot be reached or answers other than 2xx */
    public void send(Alert alert) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
        HttpRequest req = HttpRequest.newBuilder(config.url()).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert))).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            String answer = r.body() == null ? "" : r.body().strip();
            throw new IOException("HTTP " + r.statusCode() + (answer.isEmpty() ? "" : ": " + answer.substring(0, Math.min(200, answer.length()))));
        }
    }
}
