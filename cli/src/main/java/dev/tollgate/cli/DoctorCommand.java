package dev.tollgate.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.tollgate.api.TollgateException;
import dev.tollgate.load.ProfileLoader;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tollgate doctor}: whether this machine can run the chosen profile. Each line is OK, WARN
 * (wrong, but this profile does not need it) or FAIL (it does), with what to do; the exit code is
 * non-zero when something the profile needs is missing.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check this machine for the chosen profile: Java, the Docker engine and compose CLI, "
                + "PostgreSQL's client tools, the profile's ports, and a target's URL and database when given.", ""},
        footer = {"", "Examples:",
                "  tollgate doctor                                  # the local profile: no Docker needed",
                "  tollgate doctor --profile quickstart             # needs Docker and a compose CLI",
                "  tollgate doctor --database-url 'jdbc:postgresql://db:5432/app?user=qa&password=…'",
                "", "Exit codes: 0 ready, 1 something the profile needs is missing, 2 bad options."})
final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--profile", paramLabel = "NAME|FILE",
            description = "The profile to check for. Default: the project's (profile: in tollgate.yaml), else local.")
    String profile;

    @Option(names = "--database-url", paramLabel = "JDBC-URL", description = "A database to reach "
            + "(jdbc:postgresql://host:5432/db?user=…&password=…); opened read-only.")
    String databaseUrl;

    @Option(names = "--target-url", paramLabel = "URL", description = "A running deployment to reach.")
    String targetUrl;

    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Project where = project.project();
        profile = where.profile(profile);
        project.apply(where);
        List<Diagnosis> lines = new ArrayList<>();
        lines.add(DoctorChecks.java());
        Profile loaded = null;
        try {
            loaded = new ProfileLoader(Variables.fromSystem()).locateAndLoad(profile, where.profilesDir());
            lines.add(Diagnosis.ok("profile " + loaded.name(), loaded.describe() + " (runtime " + loaded.runtime() + ")"));
        } catch (TollgateException e) {
            lines.add(Diagnosis.problem(true, "profile " + profile, e.getMessage(),
                    "tollgate validate --profile " + profile + " shows every problem; choose another with --profile NAME."));
        }
        boolean compose = loaded != null && "compose".equals(loaded.runtime());
        lines.add(DoctorChecks.dockerEngine(compose));
        lines.add(DoctorChecks.composeCli(compose));
        lines.add(DoctorChecks.postgresClientTools(loaded));
        if (loaded != null && "local".equals(loaded.runtime())) {
            lines.add(DoctorChecks.port("database port", loaded.database().port()));
            lines.add(DoctorChecks.port("service port", loaded.service().port()));
        } else if (compose) {
            lines.addAll(DoctorChecks.composeFile(loaded));
        }
        if (targetUrl != null) {
            lines.add(DoctorChecks.target(targetUrl));
        }
        if (databaseUrl != null) {
            lines.add(DoctorChecks.database(databaseUrl));
        }
        lines.forEach(line -> line.print(out));
        long failed = lines.stream().filter(line -> line.level() == Diagnosis.Level.FAIL).count();
        long warned = lines.stream().filter(line -> line.level() == Diagnosis.Level.WARN).count();
        out.println(failed == 0 ? "✔ ready for profile " + profile + (warned == 0 ? "" : " (" + warned + " warnings)")
                : "✘ not ready for profile " + profile + ": " + failed + (failed == 1 ? " problem" : " problems")
                        + " to fix (FAIL above)");
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILED;
    }
}
