package org.quench.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.quench.expr.ExpressionEngine;

class RunbookLoaderValidTest {
    private static final Path RICH = Path.of("src/test/resources/runbooks/valid/rich.yml");
    private final RunbookLoader loader = new RunbookLoader(new ExpressionEngine());

    @Test
    void richRunbookLoadsToTheExpectedModel() throws Exception {
        Runbook rb = loader.load(RICH);
        assertThat(rb.name()).isEqualTo("demo-cleanup");
        assertThat(rb.description()).isEqualTo("One line shown by `quench list`.");
        assertThat(rb.source()).isEqualTo(RICH);

        assertThat(rb.params().keySet()).containsExactly("user", "since", "max", "relay", "relay6", "net", "dir", "flag", "ids");
        ParamSpec user = rb.params().get("user");
        assertThat(user.type()).isEqualTo(ParamType.EMAIL);
        assertThat(user.required()).isTrue();
        assertThat(user.description()).isEqualTo("the account");
        assertThat(user.pos()).isEqualTo(new SourcePos(RICH.toString(), 4, 3));
        assertThat(rb.params().get("since").defaultValue()).isEqualTo(Duration.ofHours(2));
        assertThat(rb.params().get("max").defaultValue()).isEqualTo(200L);
        assertThat(rb.params().get("relay").defaultValue()).isNull();
        assertThat(rb.params().get("flag").defaultValue()).isEqualTo(false);
        assertThat(rb.params().get("ids").defaultValue()).isEqualTo(List.of());
        assertThat(rb.params().get("net").type()).isEqualTo(ParamType.CIDR);

        assertThat(rb.secrets().get("new_password")).isEqualTo(
                new SecretSpec("new_password", 32, true, new SourcePos(RICH.toString(), 14, 3)));
        assertThat(rb.secrets().get("token").length()).isEqualTo(24);
        assertThat(rb.secrets().get("token").reveal()).isFalse();

        assertThat(rb.stages()).extracting(Stage::name).containsExactly("detect", "remediate");
        Stage detect = rb.stages().get(0);
        assertThat(detect.pos()).isEqualTo(new SourcePos(RICH.toString(), 17, 5));
        Step list = detect.steps().get(0);
        assertThat(list.kind()).isEqualTo(StepKind.CHECK);
        assertThat(list.command()).isEqualTo("ls -1 {{ dir }}");
        assertThat(list.register()).isEqualTo("files");
        assertThat(list.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(list.retry()).isEqualTo(2);
        assertThat(list.retryDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(list.set()).isEqualTo(Map.of("count", "files.lines.size()"));
        assertThat(list.findings()).isEqualTo(Map.of("files", "files.lines"));
        assertThat(list.foreach()).isNull();
        assertThat(list.as()).isNull();
        assertThat(list.pos()).isEqualTo(new SourcePos(RICH.toString(), 19, 9));

        Step summary = detect.steps().get(1);
        assertThat(summary.kind()).isEqualTo(StepKind.CHECK);
        assertThat(summary.command()).isNull();

        List<Step> steps = rb.stages().get(1).steps();
        assertThat(steps).extracting(Step::kind).containsExactly(StepKind.ACTION, StepKind.ACTION, StepKind.CHECK,
                StepKind.ACTION, StepKind.VERIFY, StepKind.APPROVE, StepKind.RUNBOOK, StepKind.ACTION, StepKind.CHECK);
        assertThat(steps.get(0).foreach()).isEqualTo("files.lines");
        assertThat(steps.get(0).as()).isEqualTo("f");
        assertThat(steps.get(0).when()).isEqualTo("count > 0 && f != ''");
        assertThat(steps.get(0).retryDelay()).isEqualTo(Duration.ZERO);
        assertThat(steps.get(1).as()).isEqualTo("item");
        assertThat(steps.get(1).ignoreErrors()).isTrue();
        assertThat(steps.get(4).assertion()).isEqualTo("count == 0");
        assertThat(steps.get(4).message()).startsWith("{{ count }} files remain");
        assertThat(steps.get(5).message()).isEqualTo("Delete {{ count }} files on {{ host.name }}?");
        assertThat(steps.get(6).runbookRef()).isEqualTo("other-runbook");
        assertThat(steps.get(6).with()).containsEntry("user", "{{ user }}").containsEntry("ids", "{{ ids }}");
        Step password = steps.get(7);
        assertThat(password.stdin()).isEqualTo("{{ secrets.new_password }}\n{{ secrets.new_password }}\n");
        assertThat(password.env()).containsEntry("TARGET_USER", "{{ user }}");
        assertThat(password.timeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(steps.get(8).command()).isEqualTo("postqueue -j |\n  grep -F -- {{ user }}\n");

        assertThat(rb.post().always()).extracting(Step::name).containsExactly("cleanup");
        assertThat(rb.post().always().get(0).kind()).isEqualTo(StepKind.ACTION);
        assertThat(rb.post().success().get(0).kind()).isEqualTo(StepKind.CHECK);
        assertThat(rb.post().failure().get(0).kind()).isEqualTo(StepKind.VERIFY);
    }

    @Test
    void nameDefaultsToTheFileName(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.yml");
        java.nio.file.Files.writeString(file, "stages:\n  - stage: s\n    steps:\n      - {name: a, check: 'true'}\n");
        Runbook rb = loader.load(file);
        assertThat(rb.name()).isEqualTo("tiny");
        assertThat(rb.description()).isEmpty();
        assertThat(rb.post()).isEqualTo(Post.EMPTY);
    }
}
