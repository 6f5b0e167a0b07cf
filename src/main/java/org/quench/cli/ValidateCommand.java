package org.quench.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check runbooks: schema, expressions, templates, variables.",
                "Every problem is printed as file:line:col: message; exit 2 when there is any."})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUNBOOK|DIR", arity = "0..*",
            description = "Runbook names, files or directories. Default: every runbook in runbooks/.")
    List<String> targets = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        List<Path> files = new ArrayList<>();
        if (targets.isEmpty()) targets.add(Locations.runbookDirs().stream().filter(Files::isDirectory)
                .findFirst().map(Path::toString).orElseThrow(() -> UserError.usage("no runbooks/ directory here; name a runbook or a directory")));
        for (String t : targets) {
            Path p = Path.of(t);
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().forEach(files::add);
                }
            } else {
                files.add(Locations.runbook(t));
            }
        }
        Workbench bench = new Workbench();
        int bad = 0;
        for (Path f : files) {
            List<org.quench.runbook.Problem> problems = bench.loader().validate(f);
            if (problems.isEmpty()) {
                System.out.println("ok      " + f);
            } else {
                bad++;
                problems.forEach(pr -> System.err.println(pr));
            }
        }
        if (bad > 0) {
            System.err.println(bad + " of " + files.size() + " runbook(s) invalid");
            return ExitCodes.USAGE;
        }
        return ExitCodes.OK;
    }
}
