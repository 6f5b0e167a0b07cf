package org.quench.inventory;

import java.util.List;
import java.util.Map;

/**
 * One inventory host with its merged variables (all → parent groups → child groups → host, as
 * Ansible merges them). Connection facts are read through the accessors so the Ansible names
 * ({@code ansible_host}, {@code ansible_port}, …) and quench's own stay in one place.
 */
public record Host(String name, Map<String, Object> vars, List<String> groups) {

    public String address() {
        Object v = vars.get("ansible_host");
        return v == null ? name : v.toString();
    }

    /** Port from the inventory, or null to let ~/.ssh/config or 22 decide. */
    public Integer port() {
        Object v = vars.get("ansible_port");
        return v == null ? null : Integer.valueOf(v.toString());
    }

    public String user() {
        Object v = vars.get("ansible_user");
        return v == null ? null : v.toString();
    }

    public String privateKeyFile() {
        Object v = vars.get("ansible_ssh_private_key_file");
        return v == null ? null : v.toString();
    }

    public boolean isLocal() {
        Object v = vars.getOrDefault("ansible_connection", vars.get("connection"));
        return v != null && "local".equals(v.toString());
    }

    public String var(String key) {
        Object v = vars.get(key);
        return v == null ? null : v.toString();
    }
}
