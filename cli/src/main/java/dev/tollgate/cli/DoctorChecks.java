package dev.tollgate.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tollgate.model.BackupStrategy;
import dev.tollgate.model.Profile;
import dev.tollgate.runtime.ProbeHttp;
import dev.tollgate.runtime.compose.ComposeCli;
import dev.tollgate.runtime.compose.ComposeFileCheck;
import dev.tollgate.runtime.compose.ComposeFinding;
import dev.tollgate.runtime.compose.DockerEngine;

/** The checks of {@code tollgate doctor}, each one small and on its own. */
final class DoctorChecks {

    static final int MINIMUM_JAVA = 17;

    private DoctorChecks() {
    }

    static Diagnosis java() {
        Runtime.Version version = Runtime.version();
        String found = version + " (" + System.getProperty("java.vendor") + ") at " + System.getProperty("java.home");
        return version.feature() >= MINIMUM_JAVA ? Diagnosis.ok("java", found)
                : Diagnosis.problem(true, "java", found, "Tollgate needs Java " + MINIMUM_JAVA
                        + " or newer: install a JDK 17 (Debian: apt-get install openjdk-17-jdk) and run the jar with it.");
    }

    static Diagnosis dockerEngine(boolean needed) {
        try (DockerEngine engine = DockerEngine.connect()) {
            return Diagnosis.ok("docker engine", engine.version() + " at " + engine.host());
        } catch (RuntimeException e) {
            return Diagnosis.problem(needed, "docker engine", problemOnly(e) + (needed ? "" : " (the profile does not need it)"),
                    "start a Docker engine (as root: profiles/images/setup-docker.sh installs docker.io and starts dockerd), "
                            + "or point DOCKER_HOST at one that runs (unix:///var/run/docker.sock); "
                            + "or use --profile local, which needs no Docker.");
        }
    }

    static Diagnosis composeCli(boolean needed) {
        try {
            ComposeCli cli = ComposeCli.detect();
            return Diagnosis.ok("compose cli", String.join(" ", cli.program()) + ": " + cli.version());
        } catch (RuntimeException e) {
            return Diagnosis.problem(needed, "compose cli", problemOnly(e) + (needed ? "" : " (the profile does not need it)"),
                    "install Compose v2 (the docker-compose-plugin: 'docker compose') or v1 (Debian: apt-get install "
                            + "docker-compose) and put it on the PATH; or use --profile local.");
        }
    }

    /**
     * The profile's compose file as Compose resolves it: the services the profile names, the release
     * variable in their images, the ports published on loopback, healthchecks. One line per finding.
     */
    static List<Diagnosis> composeFile(Profile profile) {
        ComposeCli cli;
        try {
            cli = ComposeCli.detect();
        } catch (RuntimeException e) {
            return List.of();  // the compose cli line says what is missing
        }
        List<ComposeFinding> findings;
        try {
            findings = ComposeFileCheck.check(profile, cli);
        } catch (RuntimeException e) {
            return List.of(Diagnosis.problem(true, "compose file", message(e),
                    "fix the compose file until '" + String.join(" ", cli.program()) + " config' reads it."));
        }
        if (findings.isEmpty()) {
            var spec = profile.compose();
            return List.of(Diagnosis.ok("compose file", spec.file() + ": has " + String.join(", ", spec.services()) + " and "
                    + spec.database() + "; their images follow ${" + spec.release() + "}; ports " + spec.port() + " and "
                    + "5432 published on loopback"));
        }
        return findings.stream().map(finding -> Diagnosis.problem(finding.severity() == ComposeFinding.Severity.ERROR,
                "compose " + finding.service(), finding.file().getFileName() + ": " + finding.problem(), finding.fix())).toList();
    }

    /** {@code pg_dump}/{@code pg_restore}: the {@code pg_dump} backup strategy of a local profile runs them here. */
    static Diagnosis postgresClientTools(Profile profile) {
        boolean needed = profile != null && "local".equals(profile.runtime())
                && profile.database().backupOn(profile.runtime()) == BackupStrategy.PG_DUMP;
        String dir = profile == null ? null : profile.database().clientTools();
        List<String> found = new ArrayList<>();
        for (String tool : List.of("pg_dump", "pg_restore")) {
            String program = dir == null || dir.isBlank() ? tool : Path.of(dir, tool).toString();
            String version = versionOf(program);
            if (version == null) {
                return Diagnosis.problem(needed, "postgresql client", program + " does not run"
                        + (needed ? " (profile backup: pg_dump needs it)" : " (only the pg_dump backup strategy needs it)"),
                        "install PostgreSQL's client tools of the server's major version or newer (Debian: apt-get install "
                                + "postgresql-client) or name their directory in the profile's database: clientTools:; "
                                + "or use database: backup: template.");
            }
            found.add(version);
        }
        return Diagnosis.ok("postgresql client", String.join("; ", found));
    }

    /** Opens the database read-only and asks its version. */
    static Diagnosis database(String jdbcUrl) {
        String shown = withoutPassword(jdbcUrl);
        DriverManager.setLoginTimeout(5);
        try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
            connection.setReadOnly(true);
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("select current_setting('server_version'), current_user")) {
                row.next();
                return Diagnosis.ok("database", "PostgreSQL " + row.getString(1) + " at " + shown + " as " + row.getString(2));
            }
        } catch (SQLException e) {
            return Diagnosis.problem(true, "database", shown + ": " + e.getMessage(),
                    "check the host and port (pg_isready -h HOST -p PORT), that the server accepts this machine "
                            + "(listen_addresses, pg_hba.conf), and the credentials (?user=…&password=… in the URL).");
        }
    }

    /** Any HTTP answer from the base URL means the target is reachable; health is the run's business. */
    static Diagnosis target(String url) {
        try {
            ProbeHttp.Answer answer = ProbeHttp.get(URI.create(url), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(10));
            return Diagnosis.ok("target", url + " answered " + answer.status());
        } catch (IOException | IllegalArgumentException e) {
            return Diagnosis.problem(true, "target", url + ": " + message(e),
                    "check the URL (scheme, host, port), that the deployment runs, and that this machine may reach it.");
        }
    }

    /** A fixed port must be free on loopback; port 0 lets the runtime pick a free one at every start. */
    static Diagnosis port(String what, int port) {
        if (port == 0) {
            return Diagnosis.ok(what, "port 0: a free loopback port is picked at every start");
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return Diagnosis.ok(what, "port " + port + " is free on 127.0.0.1");
        } catch (IOException e) {
            return Diagnosis.problem(true, what, "port " + port + " is taken on 127.0.0.1 (" + e.getMessage() + ")",
                    "stop what listens there (ss -ltnp 'sport = :" + port + "' shows it), or set the port to 0 in the "
                            + "profile so a free one is picked.");
        }
    }

    private static String versionOf(String program) {
        try {
            Process process = new ProcessBuilder(program, "--version").redirectErrorStream(true).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.exitValue() == 0 ? output.lines().findFirst().orElse(program) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static String withoutPassword(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//([^/@:]+):[^/@]*@", "//$1:***@");
    }

    // The runtime's messages end with the fix for Maven users; the doctor gives its own.
    private static String problemOnly(Exception e) {
        String message = message(e);
        int cut = message.indexOf(", and the compose profiles need one");
        return cut < 0 ? message : message.substring(0, cut);
    }

    private static String message(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
