package org.quench.it;

import org.quench.lab.SshdLab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes an Ansible-style inventory of loopback aliases served by the lab sshd. */
final class LabInventory {
    private final SshdLab lab;
    private final Map<String, String> hosts = new LinkedHashMap<>();
    private final Map<String, String> extraVars = new LinkedHashMap<>();
    private Path key;

    LabInventory(SshdLab lab) {
        this.lab = lab;
        this.key = lab.clientKey();
    }

    LabInventory host(String name, String address) {
        hosts.put(name, address);
        return this;
    }

    LabInventory key(Path key) {
        this.key = key;
        return this;
    }

    LabInventory var(String name, String yamlValue) {
        extraVars.put(name, yamlValue);
        return this;
    }

    Path write(Path dir) throws IOException {
        StringBuilder y = new StringBuilder("all:\n  vars:\n");
        y.append("    ansible_port: ").append(lab.port()).append('\n');
        y.append("    ansible_user: ").append(lab.user()).append('\n');
        y.append("    ansible_ssh_private_key_file: ").append(key).append('\n');
        extraVars.forEach((k, v) -> y.append("    ").append(k).append(": ").append(v).append('\n'));
        y.append("  hosts:\n");
        hosts.forEach((name, addr) -> y.append("    ").append(name).append(":\n      ansible_host: ").append(addr)
                .append("\n      lock_dir: ").append(dir.resolve("lock-" + name)).append('\n'));
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, y.toString());
        return file;
    }
}
