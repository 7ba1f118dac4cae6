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
 */
@API(status = INTERNAL, since = "0.2")
public record AllureOptions(Path home, Path results, Path report, Path history) {

    Path index() {
        return report.resolve("index.html");
    }
}
