package dev.tollgate.sample;

import java.util.Map;

/**
 * Everything the service is configured with, read once from the environment (see README.md).
 *
 * @param subjects the raw {@code SAMPLE_SUBJECTS} value, or null for the development subjects
 * @param dataDir  {@code SAMPLE_DATA_DIR}: where the service keeps its files beside PostgreSQL, or null for none
 * @param sshPort  {@code SAMPLE_SSH_PORT}: the port of the SSH interface ({@code 0}: a free one), or null for none
 * @param auth            how callers prove who they are ({@code SAMPLE_AUTH}): bearer (default), api-key, basic,
 *                        oauth2, cookie
 * @param requestIdHeader the header requests are correlated by ({@code SAMPLE_REQUEST_ID_HEADER}), default X-Request-Id
 * @param managementPort  where health, readiness and metrics are served ({@code SAMPLE_MANAGEMENT_PORT}), or -1 for
 *                        the main port
 * @param versionAuth     whether the version document needs an authenticated caller ({@code SAMPLE_VERSION_AUTH})
 */
public record Settings(
        String release,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        String bindAddress,
        int port,
        boolean migrate,
        String subjects,
        String buildId,
        boolean exitOnStdinEof,
        String dataDir,
        Integer sshPort,
        Authenticator.Mode auth,
        String requestIdHeader,
        int managementPort,
        boolean versionAuth) {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    static final String DEFAULT_BUILD_ID = "dev";

    /**
     * Reads the settings; {@code releaseArgument} (from {@code --release}) wins over SAMPLE_RELEASE.
     * The database is not required here: {@code releases} needs none.
     */
    public static Settings fromEnvironment(Map<String, String> env, String releaseArgument) {
        String release = releaseArgument != null ? releaseArgument : blankToNull(env.get("SAMPLE_RELEASE"));
        if (release == null) {
            throw new StartupException(ExitCode.USAGE, "No release given. Known releases: "
                    + String.join(", ", Releases.ids()) + ". Set SAMPLE_RELEASE or pass --release.");
        }
        return new Settings(
                release,
                blankToNull(env.get("DATABASE_URL")),
                blankToNull(env.get("DATABASE_USER")),
                env.get("DATABASE_PASSWORD"),
                orDefault(env.get("BIND_ADDRESS"), DEFAULT_BIND_ADDRESS),
                port("PORT", env.get("PORT")),
                flag(env, "SAMPLE_MIGRATE", true),
                blankToNull(env.get("SAMPLE_SUBJECTS")),
                orDefault(env.get("SAMPLE_BUILD_ID"), DEFAULT_BUILD_ID),
                flag(env, "SAMPLE_EXIT_ON_STDIN_EOF", false),
                blankToNull(env.get("SAMPLE_DATA_DIR")),
                blankToNull(env.get("SAMPLE_SSH_PORT")) == null ? null : port("SAMPLE_SSH_PORT", env.get("SAMPLE_SSH_PORT")),
                Authenticator.Mode.parse(blankToNull(env.get("SAMPLE_AUTH"))),
                orDefault(env.get("SAMPLE_REQUEST_ID_HEADER"), "X-Request-Id"),
                blankToNull(env.get("SAMPLE_MANAGEMENT_PORT")) == null ? -1 : port("SAMPLE_MANAGEMENT_PORT", env.get("SAMPLE_MANAGEMENT_PORT")),
                flag(env, "SAMPLE_VERSION_AUTH", false));
    }

    /** The database URL, or a usage error saying how to give one. */
    String requireDatabaseUrl() {
        if (databaseUrl == null) {
            throw new StartupException(ExitCode.USAGE, "DATABASE_URL is not set. Set it to a PostgreSQL JDBC URL,"
                    + " e.g. jdbc:postgresql://127.0.0.1:5432/sample (user and password in DATABASE_USER"
                    + " and DATABASE_PASSWORD).");
        }
        return databaseUrl;
    }

    Settings withPort(int newPort) {
        return new Settings(release, databaseUrl, databaseUser, databasePassword, bindAddress, newPort,
                migrate, subjects, buildId, exitOnStdinEof, dataDir, sshPort,
                auth, requestIdHeader, managementPort, versionAuth);
    }

    private static int port(String name, String value) {
        if (blankToNull(value) == null) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // reported below, with the value
        }
        throw new StartupException(ExitCode.USAGE,
                name + " must be a number from 0 to 65535, got '" + value + "'.");
    }

    private static boolean flag(Map<String, String> env, String name, boolean defaultValue) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return defaultValue;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new StartupException(ExitCode.USAGE, name + " must be true or false, got '" + value + "'.");
    }

    private static String orDefault(String value, String defaultValue) {
        String present = blankToNull(value);
        return present == null ? defaultValue : present;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
