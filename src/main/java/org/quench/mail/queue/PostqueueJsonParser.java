package org.quench.mail.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code postqueue -j} (Postfix ≥ 3.1): one JSON object per line and per queue file. Unknown
 * members are ignored, as Postfix asks; only {@code queue_id} is required, every other member may
 * be missing (older versions lack {@code forced_expire}, newer ones add {@code orig_address} …).
 */
public final class PostqueueJsonParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    public List<QueuedMessage> parse(String output) {
        List<QueuedMessage> messages = new ArrayList<>();
        String[] lines = output.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) continue;
            messages.add(message(line, i + 1));
        }
        return messages;
    }

    private static QueuedMessage message(String line, int lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new QueueOutputException("postqueue -j line " + lineNo + " is not JSON: " + e.getOriginalMessage());
        }
        String id = node.path("queue_id").asText(null);
        if (!node.isObject() || id == null) {
            throw new QueueOutputException("postqueue -j line " + lineNo + " has no queue_id");
        }
        List<QueuedRecipient> recipients = new ArrayList<>();
        for (JsonNode r : node.path("recipients")) {
            recipients.add(new QueuedRecipient(r.path("address").asText(""), r.path("delay_reason").asText(null)));
        }
        JsonNode arrival = node.get("arrival_time");
        return new QueuedMessage(
                node.path("queue_name").asText(QueuedMessage.QUEUED),
                id,
                arrival != null && arrival.canConvertToLong() ? Instant.ofEpochSecond(arrival.asLong()) : null,
                node.path("message_size").asLong(-1),
                node.path("sender").asText(""),
                recipients,
                node.path("forced_expire").asBoolean(false));
    }
}
