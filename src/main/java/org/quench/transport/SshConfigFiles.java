package org.quench.transport;

import com.jcraft.jsch.ConfigRepository;
import com.jcraft.jsch.OpenSSHConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/** ~/.ssh/config files parsed once per process (JSch's OpenSSHConfig: Host patterns, first value wins). */
final class SshConfigFiles {
    private static final ConcurrentHashMap<Path, ConfigRepository> CACHE = new ConcurrentHashMap<>();

    private SshConfigFiles() {}

    static ConfigRepository.Config lookup(Path file, String host) throws TransportException {
        if (file == null) return ConfigRepository.defaultConfig;
        ConfigRepository repo = CACHE.get(file);
        if (repo == null) {
            try {
                repo = OpenSSHConfig.parseFile(file.toString());
            } catch (IOException e) {
                throw new TransportException(TransportException.Reason.OTHER,
                        "cannot read ssh config " + file + ": " + e.getMessage(), e);
            }
            CACHE.put(file, repo);
        }
        ConfigRepository.Config c = repo.getConfig(host);
        return c == null ? ConfigRepository.defaultConfig : c;
    }
}
