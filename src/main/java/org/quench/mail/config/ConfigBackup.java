package org.quench.mail.config;

import org.quench.expr.ShellQuote;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Copies configuration files aside before an edit (PRODUCT.md §3 "Nothing lost") and knows how to
 * put them back. One command backs up every file with {@code cp -p} (owner, mode and times kept)
 * to {@code FILE.quench-YYYYmmddTHHMMSS-PID}: the host's clock, plus the shell's pid so two runs
 * within one second never share (and overwrite) a backup. A file that does not exist yet is
 * reported as absent, so a restore removes what the edit created.
 *
 * <p>Output, one line per file: {@code saved FILE BACKUP} or {@code absent FILE} (paths are
 * checked for white space first, so the line splits unambiguously).
 */
public final class ConfigBackup {
    private final List<ConfigFile> files;

    public ConfigBackup(List<ConfigFile> files) {
        if (files.isEmpty()) throw new IllegalArgumentException("nothing to back up");
        this.files = List.copyOf(files);
    }

    public String command() {
        String words = files.stream().map(ConfigFile::shellWord).collect(Collectors.joining(" "));
        return "c=$(postconf -h config_directory) || exit 1; s=.quench-$(date +%Y%m%dT%H%M%S)-$$; for f in " + words
                + "; do case $f in *[[:space:]]*) echo \"white space in $f\" >&2; exit 2;; esac; "
                + "if [ -e \"$f\" ]; then cp -p -- \"$f\" \"$f$s\" || exit 1; echo \"saved $f $f$s\"; "
                + "else echo \"absent $f\"; fi; done";
    }

    /** Reads the backup command's output. */
    public static Backups parse(String stdout) {
        List<Backups.Saved> saved = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            String[] w = line.strip().split(" ");
            if (w.length == 3 && w[0].equals("saved")) saved.add(new Backups.Saved(w[1], w[2]));
            else if (w.length == 2 && w[0].equals("absent")) absent.add(w[1]);
            else throw new IllegalArgumentException("unexpected backup output: " + line);
        }
        return new Backups(saved, absent);
    }

    /** What one backup command saved, and how to undo the edits made after it. */
    public record Backups(List<Saved> saved, List<String> absent) {
        public Backups {
            saved = List.copyOf(saved);
            absent = List.copyOf(absent);
        }

        public record Saved(String file, String backup) {
        }

        public List<String> paths() {
            return saved.stream().map(Saved::backup).toList();
        }

        /**
         * Puts every file back as it was: each copy is restored through a temporary file renamed
         * over the original (a reader never sees half a main.cf); files that did not exist are
         * removed. The backups stay, as evidence of what was there.
         */
        public String restoreCommand() {
            List<String> parts = new ArrayList<>();
            for (Saved s : saved) {
                String f = ShellQuote.quote(s.file());
                parts.add("cp -p -- " + ShellQuote.quote(s.backup()) + " " + f + ".quench-restore && mv -f -- "
                        + f + ".quench-restore " + f);
            }
            for (String f : absent) parts.add("rm -f -- " + ShellQuote.quote(f));
            return "r=0; " + parts.stream().map(p -> "{ " + p + "; } || r=1").collect(Collectors.joining("; ")) + "; exit $r";
        }
    }
}
