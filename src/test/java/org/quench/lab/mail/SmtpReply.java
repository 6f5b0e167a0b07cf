package org.quench.lab.mail;

import java.util.List;

/** One SMTP reply: its code and its text lines (without the code). */
public record SmtpReply(int code, List<String> lines) {
    public SmtpReply {
        lines = List.copyOf(lines);
    }

    public boolean positive() {
        return code >= 200 && code < 400;
    }

    public String text() {
        return String.join("\n", lines);
    }

    @Override
    public String toString() {
        return code + " " + String.join(" / ", lines);
    }
}
