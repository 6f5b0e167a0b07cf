package org.quench.mail.contain;

import org.quench.engine.ModuleCall;
import org.quench.engine.ModuleContext;
import org.quench.engine.ModuleFailure;
import org.quench.engine.StepModule;
import org.quench.inventory.Host;
import org.quench.mail.queue.PostqueueJsonParser;
import org.quench.mail.queue.QueueOutputException;
import org.quench.runbook.ModuleSignature;
import org.quench.runbook.StepKind;
import org.quench.transport.ExecResult;
import org.quench.transport.TransportException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code postfix.evidence}: before a purge, keeps in the run record what is about to be deleted —
 * the queue listing of those ids ({@code postqueue -j} lines, as Postfix printed them) and the
 * envelope and headers of a sample ({@code postcat -e -h -q ID…}, one process per batch). A check:
 * it reads the queue and writes only the local run record. The content is attacker-written text
 * (headers, HELO, forged senders): it is stored through {@link ModuleContext#saveEvidence}, never
 * parsed beyond finding queue ids, never part of a command.
 *
 * <p>{@code with: {ids, sample (default 20), label (default "queue")}}; files
 * {@code LABEL-listing.jsonl} (or {@code .txt} from {@code postqueue -p} on Postfix before 3.1)
 * and {@code LABEL-headers.txt}. Returns {@code {saved, headers, files}}: listing entries saved,
 * messages whose headers were saved, evidence file names.
 */
public final class QueueEvidenceModule implements StepModule {
    static final String NAME = "postfix.evidence";
    private static final int DEFAULT_SAMPLE = 20;
    private static final int POSTCAT_BATCH = 100;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,40}");
    private static final Pattern CANNOT_OPEN = Pattern.compile("fatal: open queue file ([0-9A-Za-z]+): ");
    /** First line of a {@code postqueue -p} entry: the id, glued status characters, then the size. */
    private static final Pattern TEXT_ENTRY = Pattern.compile("^([0-9A-Za-z]+)[*!#]*\\s+\\d");

    @Override
    public ModuleSignature signature() {
        return new ModuleSignature(NAME, StepKind.CHECK, Set.of("ids", "sample", "label"), Set.of("ids"),
                "save the queue listing and a sample of headers of queued messages in the run record");
    }

    @Override
    public ModuleCall prepare(Host host, Map<String, Object> args) {
        StepArguments a = new StepArguments(NAME, args);
        List<String> ids = QueueIdArgument.of(NAME, a);
        int sample = a.integer("sample", DEFAULT_SAMPLE);
        if (sample < 0) throw new IllegalArgumentException(NAME + ": `sample` must not be negative");
        String label = a.text("label") == null ? "queue" : a.text("label");
        if (!LABEL.matcher(label).matches()) {
            throw new IllegalArgumentException(NAME + ": `label` must be letters, digits, '.', '_' or '-'");
        }
        List<String> sampled = spread(ids, sample);
        return new ModuleCall() {
            @Override
            public List<PlannedCommand> commands() {
                if (ids.isEmpty()) return List.of();
                List<PlannedCommand> c = new ArrayList<>();
                c.add(new PlannedCommand("postqueue -j", null));
                if (!sampled.isEmpty()) c.add(new PlannedCommand("postcat -e -h -q " + String.join(" ", sampled), null));
                return c;
            }

            @Override
            public Object execute(ModuleContext ctx) throws ModuleFailure, TransportException {
                List<String> files = new ArrayList<>();
                int saved = 0;
                int headers = 0;
                if (!ids.isEmpty()) {
                    saved = saveListing(ctx, ids, label, files);
                    headers = saveHeaders(ctx, sampled, label, files);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("saved", saved);
                out.put("headers", headers);
                out.put("files", files);
                return out;
            }
        };
    }

    /** {@code n} ids spread evenly over the list (a purge mixes campaigns; the first n may all be one). */
    static List<String> spread(List<String> ids, int n) {
        if (n >= ids.size()) return List.copyOf(ids);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(ids.get((int) ((long) i * ids.size() / n)));
        return out;
    }

    private static int saveListing(ModuleContext ctx, List<String> ids, String label, List<String> files)
            throws TransportException, ModuleFailure {
        Set<String> wanted = Set.copyOf(ids);
        ExecResult r = ctx.exec("postqueue -j", null, ctx.timeout());
        StringBuilder kept = new StringBuilder();
        int n = 0;
        String name;
        if (r.ok()) {
            PostqueueJsonParser parser = new PostqueueJsonParser();
            for (String line : r.stdout().split("\n")) {
                if (line.isBlank()) continue;
                try {
                    if (wanted.contains(parser.parse(line).get(0).queueId())) {
                        kept.append(line).append('\n');
                        n++;
                    }
                } catch (QueueOutputException e) {
                    throw new ModuleFailure(NAME + ": " + e.getMessage());
                }
            }
            name = label + "-listing.jsonl";
        } else {
            // Postfix before 3.1 has no -j: keep the text entries (blank-line separated) instead.
            ExecResult p = ctx.exec("postqueue -p", null, ctx.timeout());
            if (!p.ok()) throw new ModuleFailure(NAME + ": postqueue -p failed (exit " + p.exitCode() + "): " + p.stderr().strip());
            for (String entry : p.stdout().split("\n\\s*\n")) {
                Matcher m = TEXT_ENTRY.matcher(entry.strip());
                if (m.find() && wanted.contains(m.group(1))) {
                    kept.append(entry.strip()).append("\n\n");
                    n++;
                }
            }
            name = label + "-listing.txt";
        }
        ctx.saveEvidence(name, kept.toString());
        files.add(name);
        return n;
    }

    /**
     * Envelope and headers of the sampled ids. postcat stops at the first id it cannot open (gone
     * since the listing); the rest of that batch is read by a new postcat.
     */
    private static int saveHeaders(ModuleContext ctx, List<String> sampled, String label, List<String> files)
            throws TransportException, ModuleFailure {
        if (sampled.isEmpty()) return 0;
        StringBuilder out = new StringBuilder();
        int missing = 0;
        for (int from = 0; from < sampled.size(); from += POSTCAT_BATCH) {
            List<String> rest = sampled.subList(from, Math.min(sampled.size(), from + POSTCAT_BATCH));
            while (!rest.isEmpty()) {
                ExecResult r = ctx.exec("postcat -e -h -q " + String.join(" ", rest), null, ctx.timeout());
                out.append(r.stdout());
                if (r.ok()) break;
                Matcher m = CANNOT_OPEN.matcher(r.stderr());
                int stoppedAt = m.find() ? rest.indexOf(m.group(1)) : -1;
                if (stoppedAt < 0) {
                    throw new ModuleFailure(NAME + ": postcat failed (exit " + r.exitCode() + "): " + r.stderr().strip());
                }
                out.append("\n*** quench: ").append(rest.get(stoppedAt)).append(" was no longer queued ***\n");
                missing++;
                rest = rest.subList(stoppedAt + 1, rest.size());
            }
        }
        String name = label + "-headers.txt";
        ctx.saveEvidence(name, out.toString());
        files.add(name);
        return sampled.size() - missing;
    }
}
