package dev.tollgate.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import dev.tollgate.api.Hints;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.model.DatabaseSpec;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import dev.tollgate.system.DatabaseEndpoint;

/**
 * A PostgreSQL server from Maven Central's embedded binaries (initdb, pg_ctl, postgres only), with
 * its data directory inside the run directory. Backups are databases cloned with
 * {@code CREATE DATABASE … TEMPLATE}, the fastest consistent copy those binaries allow.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final EmbeddedPostgres postgres;
    private final DatabaseEndpoint endpoint;
    private final DatabaseEndpoint serviceEndpoint;
    private final Path dataDirectory;
    // Where the server writes its log, and the log messages name: the suite's copy of its part.
    private final Path serverLog;
    private final Path logFile;

    private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseEndpoint endpoint, DatabaseEndpoint serviceEndpoint,
            Path dataDirectory, Path serverLog, Path logFile) {
        this.serverLog = serverLog;
        this.logFile = logFile;
        this.postgres = postgres;
        this.endpoint = endpoint;
        this.serviceEndpoint = serviceEndpoint;
        this.dataDirectory = dataDirectory;
    }

    /** A server that writes its log where its messages say it is. */
    static EmbeddedDatabase start(DatabaseSpec spec, Path dataDirectory, Path logFile, String profileName) {
        return start(spec, dataDirectory, logFile, logFile, profileName);
    }

    /**
     * @param serverLog where the server writes its log
     * @param logFile   the log messages name: the suite's evidence, which gets its part of the server's
     */
    static EmbeddedDatabase start(DatabaseSpec spec, Path dataDirectory, Path serverLog, Path logFile, String profileName) {
        int port = Ports.claim(spec.port(), "the embedded PostgreSQL",
                "set database.port: 0 in " + profileName + " to use a free port.");
        // A copy of this JVM's first freshly initialised cluster, when there is one, spares initdb.
        boolean copied = TemplateCluster.copyInto(dataDirectory);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(!copied)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(20))
                // The run's own shutdown hook (RuntimeLifecycle) stops it, with the rest of the run;
                // the library's would try again after close() stopped it, and log that it could not.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", Ports.LOOPBACK.getHostAddress())
                // Rehearsal data is disposable: trade durability for speed.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                // New WAL files need not be zero-filled first: nothing will ever replay them.
                .setServerConfig("wal_init_zero", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(serverLog.toFile()));
        spec.settings().forEach(builder::setServerConfig);
        if (!copied) {
            // 1 MiB WAL files instead of 16: each cluster copied from the template, and each deleted at
            // the end, carries 15 MiB less. Zonky passes its "locale" options to initdb as --key=value.
            TemplateCluster.INITDB_OPTIONS.forEach(builder::setLocaleConfig);
            builder.setDataDirectoryCustomizer(cluster -> TemplateCluster.keep(cluster.toPath()));
        }
        EmbeddedPostgres postgres;
        try {
            postgres = builder.start();
        } catch (IOException | RuntimeException e) {
            throw new TollgateException(ErrorCode.RUNTIME_DATABASE_START_FAILED, "The embedded PostgreSQL did not start on port "
                    + port + " with data directory " + dataDirectory + ": " + describe(e) + ". Its log is " + logFile
                    + ". Check that the directory is writable with free space (or choose another with " + Hints.setting("tollgate.work.dir", "DIR") + ")"
                    + " and that the settings under database: in " + profileName + " are valid PostgreSQL settings.", e);
        } finally {
            if (!copied) {
                TemplateCluster.made();
            }
        }
        DatabaseEndpoint trust = new DatabaseEndpoint(Ports.LOOPBACK.getHostAddress(), port, spec.name(), SUPERUSER, "");
        EmbeddedDatabase trusting = new EmbeddedDatabase(postgres, trust, trust, dataDirectory, serverLog, logFile);
        try {
            trusting.ensureOwnServer();
            trusting.execute("CREATE DATABASE " + quote(spec.name()));
            ServerPasswords.Endpoints endpoints = ServerPasswords.require(trust, SUPERUSER, dataDirectory, logFile);
            return new EmbeddedDatabase(postgres, endpoints.own(), endpoints.service(), dataDirectory, serverLog, logFile);
        } catch (RuntimeException e) {
            try {
                trusting.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /**
     * The free port was chosen before the server bound it: another process may have taken it in
     * between (seen on a busy machine, with another run's PostgreSQL answering in its place). Nothing
     * may be created, altered or dropped on a server that is not this run's.
     */
    private void ensureOwnServer() {
        String theirs;
        try (Connection connection = endpoint.withName("postgres").connect(); Statement statement = connection.createStatement();
                java.sql.ResultSet row = statement.executeQuery("SELECT current_setting('data_directory')")) {
            row.next();
            theirs = row.getString(1);
        } catch (SQLException e) {
            throw new TollgateException(ErrorCode.RUNTIME_DATABASE_START_FAILED, "The embedded PostgreSQL on port "
                    + endpoint.port() + " does not answer: " + e.getMessage() + ". Its log is " + logFile + ".", e);
        }
        if (!sameDirectory(Path.of(theirs), dataDirectory)) {
            throw new TollgateException(ErrorCode.RUNTIME_PORT_IN_USE, "Port " + endpoint.port() + " was taken by another"
                    + " PostgreSQL (data directory " + theirs + ") between choosing it and starting the embedded one; nothing"
                    + " was done on that server. Run again (a free port is chosen afresh each time), or set database.port: to a"
                    + " port nothing else uses. The embedded server's log is " + logFile + ".");
        }
    }

    private static boolean sameDirectory(Path first, Path second) {
        try {
            return first.toRealPath().equals(second.toRealPath());
        } catch (IOException e) {
            return first.toAbsolutePath().normalize().equals(second.toAbsolutePath().normalize());
        }
    }

    /** The service's database as Tollgate reaches it, as its own role. */
    DatabaseEndpoint endpoint() {
        return endpoint;
    }

    /** The service's database as the service reaches it: the superuser, with the password the service is given. */
    DatabaseEndpoint serviceEndpoint() {
        return serviceEndpoint;
    }

    /** Drops the service's database and creates it again, empty. */
    void recreate() {
        execute("DROP DATABASE IF EXISTS " + quote(endpoint.name()) + " WITH (FORCE)");
        execute(createForTheService(endpoint.name(), ""));
    }

    // A database the service will use belongs to its user, as when the server made it, not to Tollgate's role.
    private String createForTheService(String name, String template) {
        return "CREATE DATABASE " + quote(name) + " OWNER " + quote(serviceEndpoint.user()) + template;
    }

    /**
     * Ends every session on {@code name} but the caller's: what a release that was stopped mid-query
     * left behind. PostgreSQL notices a vanished client only when it next talks to it, so a session
     * in a long statement (a migration sleeping, a rewrite holding a lock) would run on, holding its
     * locks and keeping the database from being dropped or copied.
     *
     * Tollgate's own sessions there (the lock probe's, named {@link DatabaseEndpoint#OWN_SESSION_PREFIX tollgate-…}) are ended too, so
     * nothing holds the database, but not counted: the count is what the release left.
     *
     * @return how many of the release's sessions were ended
     */
    int endSessionsOn(String name) {
        // A CTE with a volatile function is evaluated once, whole, before the outer filter.
        try (Connection connection = endpoint.withName("postgres").connect();
                java.sql.PreparedStatement statement = connection.prepareStatement("with ended as (select application_name,"
                        + " pg_terminate_backend(pid) as done from pg_stat_activity where datname = ? and pid <> pg_backend_pid()"
                        + " and backend_type = 'client backend') select count(*) from ended where done"
                        + " and coalesce(application_name, '') not like ?")) {
            statement.setString(1, name);
            statement.setString(2, DatabaseEndpoint.OWN_SESSION_PREFIX + "%");
            try (java.sql.ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "Cannot end the sessions a stopped release left on database "
                    + name + " of the embedded PostgreSQL: " + e.getMessage() + ". Its log is " + logFile + ".", e);
        }
    }

    /** Whether the server still takes connections: after a failed backup, tells a stopped server from a tool's error. */
    boolean answers() {
        try (Connection connection = endpoint.withName("postgres").connect()) {
            return connection.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    Path logFile() {
        return logFile;
    }

    /** Where the server itself writes its log. */
    Path serverLog() {
        return serverLog;
    }

    /** The same server, its messages naming another suite's copy of the log. */
    EmbeddedDatabase showingLog(Path suiteLog) {
        return new EmbeddedDatabase(postgres, endpoint, serviceEndpoint, dataDirectory, serverLog, suiteLog);
    }

    /** Cold copies of the whole server's data directory, for the {@code physical} strategy. */
    ColdCopy coldCopy() {
        return new ColdCopy(dataDirectory, serverLog);
    }

    /** Creates an empty database next to the service's, replacing one of that name; Tollgate's way to it. */
    DatabaseEndpoint createEmpty(String name) {
        execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
        execute(createForTheService(name, ""));
        return endpoint.withName(name);
    }

    /** Copies the service's database; nothing may be connected to it meanwhile. */
    void cloneInto(String target) {
        execute("DROP DATABASE IF EXISTS " + quote(target));
        execute("CREATE DATABASE " + quote(target) + " TEMPLATE " + quote(endpoint.name()));
    }

    /** Replaces the service's database by a copy of {@code source}; existing connections are cut. */
    void replaceFrom(String source) {
        execute("DROP DATABASE IF EXISTS " + quote(endpoint.name()) + " WITH (FORCE)");
        execute(createForTheService(endpoint.name(), " TEMPLATE " + quote(source)));
    }

    private void execute(String sql) {
        try (Connection connection = endpoint.withName("postgres").connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new TollgateException(ErrorCode.RUNTIME_BACKUP_FAILED, "The embedded PostgreSQL refused '" + sql + "': "
                    + e.getMessage(), e);
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
            text.append(" (").append(cause.getMessage()).append(")");
        }
        return text.toString();
    }

    /**
     * Stops the server and waits until its postmaster is gone; its data directory goes next, so
     * immediately ({@link ServerStop}). Where that cannot be done, the library stops it (a fast
     * shutdown) and the process itself is watched, since deleting the data directory under a
     * stopping server would strand it.
     */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = ServerStop.postmaster(dataDirectory);
        if (postmaster.isPresent() && ServerStop.immediate(postmaster.get(), STOP_WAIT)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new TollgateException(ErrorCode.RUNTIME_IO, "The embedded PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        } finally {
            postmaster.ifPresent(process -> ServerStop.awaitExit(process, STOP_WAIT));
        }
    }
}
