package org.quench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** -i / -l / --shard, shared by every command that selects hosts. */
public final class InventoryOptions {
    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY",
            description = "Inventory file or directory (Ansible YAML). Default: $QUENCH_INVENTORY, else inventory/hosts.yml.")
    Path inventory;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", defaultValue = "all",
            description = "Hosts: names, groups, globs, all, !exclude, &intersect, comma-separated. Default: ${DEFAULT-VALUE}.")
    String limit;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "Only the K-th of N stable slices of the selected hosts (by a hash of the host name: adding a host moves no other), e.g. for N parallel CI agents.")
    String shard;
}
