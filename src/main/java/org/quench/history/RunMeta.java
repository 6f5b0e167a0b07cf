package org.quench.history;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/**
 * {@code meta.json} of a run record: who ran what, from where, against which hosts, and how it
 * ended. Written when the run starts (status {@code running}) and again when it ends, so a run
 * killed half-way still shows up in the history. Times are ISO-8601 UTC text.
 *
 * @param command       the quench command line, with values of secret-looking -e keys masked
 * @param user          the OS account; {@code realUser} the sudo caller when run through sudo
 * @param origin        where the run was started: this machine's name, the engineer's SSH client
 *                      address, the CI build — whatever the environment tells
 * @param runbookSha256 hash of the runbook file as it was run (the file can change later)
 * @param hosts         the selected hosts (after --limit and --shard)
 * @param schedule      the schedule entry that started the run, null when a person did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunMeta(String id, String command, String user, String realUser, Map<String, String> origin,
                      String cwd, String startedAt, String finishedAt, String runbook, String runbookPath,
                      String runbookSha256, String inventory, String limit, String shard, List<String> hosts,
                      Boolean dryRun, Map<String, String> params, String schedule, String status, Integer exitCode) {

    public static final String RUNNING = "running";

    public RunMeta finished(String finishedAt, String status, int exitCode) {
        return new RunMeta(id, command, user, realUser, origin, cwd, startedAt, finishedAt, runbook, runbookPath,
                runbookSha256, inventory, limit, shard, hosts, dryRun, params, schedule, status, exitCode);
    }
}
