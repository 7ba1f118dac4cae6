package dev.tollgate.reports;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.nio.file.Path;

import org.apiguardian.api.API;

/**
 * Where the Allure report comes from and goes.
 *
 * @param home    the unpacked Allure command line ({@code allure-2.34.0/}, with {@code lib/} and {@code plugins/})
 * @param results the rehearsal's allure-results; the launch files (environment, executor, categories,
 *                history) are added to it
 * @param report  where the report is generated ({@code index.html} inside)
 * @param history where the report's {@code history/} is kept between builds, outside {@code target/}
 *                so {@code mvn clean} keeps the trends
 * @param runner  what ran the rehearsal, as the report's executor names it outside CI
 *                ({@link #MAVEN}, {@link #COMMAND_LINE})
 */
@API(status = INTERNAL, since = "0.2")
public record AllureOptions(Path home, Path results, Path report, Path history, String runner) {

    /** A rehearsal Maven ran ({@code mvn verify -P…}). */
    public static final String MAVEN = "Maven (tollgate)";

    /** A rehearsal the command line ran ({@code tollgate run}, {@code tollgate merge}). */
    public static final String COMMAND_LINE = "tollgate (command line)";

    Path index() {
        return report.resolve("index.html");
    }
}
