package dev.tollgate.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import dev.tollgate.gate.Gate;
import dev.tollgate.reports.AllureOptions;
import dev.tollgate.reports.ReportOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a verdict is reached and reported: the gate's mode, waivers, rules, and the Allure report (run, merge). */
final class VerdictOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--gate", paramLabel = "MODE", defaultValue = "enforce", description = "enforce: exit 1 unless "
            + "GO; report-only: write the verdict and exit 0 whatever it is. Default: ${DEFAULT-VALUE}.")
    String gate;

    @Option(names = "--waivers", paramLabel = "FILE", description = "Waivers file. Default: waivers.yaml beside the "
            + "profile, else ROOT/waivers.yaml, if either exists.")
    Path waivers;

    @Option(names = "--gate-rules", paramLabel = "FILE", description = "Gate rules. Default: gate.yaml beside the "
            + "profile (however it was named), else ROOT/gate.yaml, if either exists.")
    Path gateRules;

    @Option(names = "--allure-home", paramLabel = "DIR", description = "The Allure command line that generates the "
            + "HTML report. Default: the one in Tollgate's distribution (lib/allure), or the one Tollgate's own build "
            + "unpacks; without one, only allure-results/ is written.")
    Path allureHome;

    // How the entry point in use asks for report-only, for the verdict's hint: the Maven plugin passes its parameter.
    @Option(names = "--report-only-hint", hidden = true, defaultValue = "--gate report-only")
    String reportOnlyHint;

    /** @throws ParameterException for a gate mode that is not one */
    void check() {
        if (!List.of("enforce", "report-only").contains(gate)) {
            throw new ParameterException(spec.commandLine(), "--gate " + gate + " is not a gate mode: use enforce or report-only");
        }
    }

    /**
     * What the readiness step needs for a run written to {@code outDir}: its record in {@code tollgate/},
     * Allure results in {@code allure-results/}.
     *
     * @param profileFile the profile's file, beside which waivers and gate rules are looked for; may be null
     */
    /** The Allure command line the report is made with: --allure-home, else the one the project finds. */
    Optional<Path> allureHome(Project where) {
        return allureHome != null ? Optional.of(allureHome.toAbsolutePath()) : where.allureHome();
    }

    ReportOptions reportOptions(Project where, Path profileFile, Path outDir, Instant started, String previous,
            String candidate, String profile) {
        Path allureResults = outDir.resolve("allure-results");
        Optional<AllureOptions> allure = allureHome(where)
                .map(home -> new AllureOptions(home, allureResults, outDir.resolve("allure-report"),
                        outDir.resolve("allure-history"), AllureOptions.COMMAND_LINE));
        if (allure.isEmpty()) {
            System.out.println("[tollgate] no Allure report: no Allure command line in " + where.allurePlaces()
                    + " (use Tollgate's distribution, or give --allure-home DIR); the results are in " + allureResults);
        }
        Optional<Path> waiversFile = waivers != null ? Optional.of(waivers.toAbsolutePath())
                : where.besideProfileOrRoot(profileFile, "waivers.yaml");
        Optional<Path> rules = gateRules != null ? Optional.of(gateRules.toAbsolutePath())
                : where.besideProfileOrRoot(profileFile, "gate.yaml");
        return new ReportOptions(where.root(), outDir.resolve("tollgate").resolve("run.json"), outDir,
                Gate.Mode.fromProperty(gate, warning -> System.err.println("[tollgate] warning: " + warning)), waiversFile,
                rules, Optional.of(started), previous, candidate, profile, LocalDate.now(), allure, reportOnlyHint);
    }
}
