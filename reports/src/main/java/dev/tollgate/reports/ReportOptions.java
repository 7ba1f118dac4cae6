package dev.tollgate.reports;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apiguardian.api.API;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.gate.Gate;

/**
 * What the report is asked to do: from {@code --key=value} arguments (the reports module's pom
 * passes them from Maven properties), or built by the command line, which runs in the same JVM.
 *
 * @param root      the reactor root: paths in the report are shown relative to it
 * @param runRecord the run record the rehearsal wrote
 * @param out       where the two files go
 * @param mode      whether anything but GO fails the build
 * @param waivers   the waivers file, if any
 * @param rules     the gate rules file, if any
 * @param notBefore a run record that started before this is left over from an earlier build
 * @param previous  the releases and profile asked for, shown when there is no run record to say
 * @param today     the day waivers are checked against
 * @param reportOnly how the person who ran it asks for report-only ({@code --report-only=--gate report-only}
 *                  for the command line); default {@code -Dtollgate.gate=report-only}
 * @param allure    where the Allure command line is and what it reads and writes; empty (no
 *                  {@code --allure-home}) generates no Allure report
 */
@API(status = INTERNAL, since = "0.2")
public record ReportOptions(Path root, Path runRecord, Path out, Gate.Mode mode, Optional<Path> waivers,
        Optional<Path> rules, Optional<Instant> notBefore, String previous, String candidate, String profile,
        LocalDate today, Optional<AllureOptions> allure, String reportOnly) {

    public static ReportOptions parse(String[] args, Consumer<String> warnings) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --key=value, got '" + arg + "'");
            }
            values.put(arg.substring(2, equals), arg.substring(equals + 1).strip());
        }
        Path root = Path.of(values.getOrDefault("root", ".")).toAbsolutePath().normalize();
        Path out = path(root, values.get("out")).orElse(root.resolve("reports/target"));
        Optional<AllureOptions> allure = path(root, values.get("allure-home")).map(home -> new AllureOptions(home,
                path(root, values.get("allure-results")).orElse(root.resolve("suites/target/allure-results")),
                path(root, values.get("allure-report")).orElse(out.resolve("allure-report")),
                path(root, values.get("allure-history")).orElse(root.resolve(".tollgate/allure-history")), AllureOptions.MAVEN));
        return new ReportOptions(root,
                path(root, values.get("run")).orElse(root.resolve("suites/target/tollgate/run.json")),
                out,
                Gate.Mode.fromProperty(values.get("gate"), warnings),
                path(root, values.get("waivers")).or(() -> existing(root.resolve("waivers.yaml"))),
                path(root, values.get("rules")),
                instant(values.get("not-before"), warnings),
                values.getOrDefault("previous", "?"), values.getOrDefault("candidate", "?"),
                values.getOrDefault("profile", "?"),
                values.containsKey("today") ? LocalDate.parse(values.get("today")) : LocalDate.now(), allure,
                values.getOrDefault("report-only", Hints.setting(Constants.GATE_MODE, "report-only")));
    }

    /**
     * The rules file: the one given, else {@code gate.yaml} beside the run's profile however it was
     * named ({@code profiles/NAME/}, or the folder of a {@code profile.yaml} given by path), else
     * {@code gate.yaml} at the root, if one exists.
     */
    Optional<Path> rulesFor(String profileName) {
        Path profileDir = profileName.endsWith(".yaml") || profileName.endsWith(".yml")
                ? root.resolve(profileName).toAbsolutePath().normalize().getParent()
                : root.resolve("profiles").resolve(profileName);
        return rules.or(() -> existing(profileDir.resolve("gate.yaml"))).or(() -> existing(root.resolve("gate.yaml")));
    }

    private static Optional<Path> path(Path root, String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(root.resolve(value).normalize());
    }

    private static Optional<Path> existing(Path file) {
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    // Without a valid bound the report still runs; it just cannot tell a stale record from a fresh one.
    private static Optional<Instant> instant(String value, Consumer<String> warnings) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            warnings.accept("--not-before=" + value
                    + " is not an instant (2026-01-31T12:00:00Z); a run record of any age is accepted");
            return Optional.empty();
        }
    }
}
