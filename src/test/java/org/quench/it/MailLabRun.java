package org.quench.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.quench.lab.SshdLab;
import org.quench.lab.mail.MailLab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where every end-to-end test on the mail lab starts: the shared sshd and mail lab (started on
 * first use; a lab that cannot start fails the test), then before each test an empty queue and
 * mail log with the users' lab passwords ({@link MailLab#reset()}) and a fresh {@code QUENCH_HOME}.
 */
abstract class MailLabRun {
    static SshdLab sshd;
    static MailLab mail;

    @TempDir Path tmp;
    Quench quench;

    @BeforeAll
    static void labs() {
        sshd = SshdLab.shared();
        mail = MailLab.get();
    }

    @BeforeEach
    void freshLabAndHome() throws IOException {
        mail.reset();
        quench = new Quench(Files.createDirectories(tmp.resolve("home")));
    }
}
