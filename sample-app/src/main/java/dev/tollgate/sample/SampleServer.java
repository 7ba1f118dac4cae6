package dev.tollgate.sample;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running service: one release's code on one database and one port. Closing it stops everything. */
public final class SampleServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SampleServer.class);
    private static final int THREADS = 8;

    private final Release release;
    private final HttpServer http;
    private final ExecutorService executor;
    private final HikariDataSource dataSource;
    private SshInterface ssh;
    private HttpServer management;

    private SampleServer(Release release, HttpServer http, ExecutorService executor, HikariDataSource dataSource) {
        this.release = release;
        this.http = http;
        this.executor = executor;
        this.dataSource = dataSource;
    }

    /**
     * Validates the settings, binds the port, connects, migrates (unless told not to) and starts serving.
     * The port is bound before the database is touched, so a busy port fails fast and changes nothing.
     *
     * @throws StartupException for every expected reason not to start, with its exit code
     */
    public static SampleServer start(Settings settings) {
        Release release = Releases.require(settings.release());
        Subjects subjects = Subjects.fromSpec(settings.subjects());
        settings.requireDatabaseUrl();
        HttpServer http = bind(settings);
        HttpServer management = settings.managementPort() < 0 ? null : bind(settings.withPort(settings.managementPort()));
        HikariDataSource dataSource = null;
        ExecutorService executor = null;
        SshInterface ssh = null;
        try {
            dataSource = Database.open(settings);
            Migrations migrations = new Migrations(dataSource, release);
            if (settings.migrate()) {
                LOG.info("Schema is at version {} for release {}", migrations.migrate(), release.id());
            } else {
                LOG.info("SAMPLE_MIGRATE=false: not applying migrations; /ready reports any that are pending");
            }
            if (subjects.development()) {
                LOG.warn("SAMPLE_SUBJECTS is not set: using the development subjects and their documented dev tokens"
                        + " (alice/admin, olivia/owner, carl/contributor, vera/viewer). Never do this in production.");
            }
            Metrics metrics = new Metrics();
            http.createContext("/", routes(settings, release, subjects, dataSource, migrations, metrics));
            executor = Executors.newFixedThreadPool(THREADS, namedThreads());
            http.setExecutor(executor);
            // The SSH interface is up before HTTP answers, so a health check that passes means both are.
            ssh = settings.sshPort() == null ? null : SshInterface.start(settings, release, subjects);
            if (management != null) {
                Router health = new Router(metrics, settings.requestIdHeader());
                new StatusRoutes(release, migrations, settings.buildId(), metrics).registerManagement(health);
                management.createContext("/", health);
                management.setExecutor(executor);
                management.start();
            }
            http.start();
        } catch (RuntimeException e) {
            if (ssh != null) {
                ssh.close();
            }
            http.stop(0);
            if (management != null) {
                management.stop(0);
            }
            if (executor != null) {
                executor.shutdownNow();
            }
            if (dataSource != null) {
                dataSource.close();
            }
            throw e;
        }
        SampleServer server = new SampleServer(release, http, executor, dataSource);
        server.ssh = ssh;
        server.management = management;
        if (management != null) {
            LOG.info("Health, readiness and metrics on management port {}", management.getAddress().getPort());
        }
        LOG.info("Started sample-app release={} port={} auth={}", release.id(), server.port(), settings.auth());
        return server;
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The SSH interface's port; -1 when it is off (no {@code SAMPLE_SSH_PORT}). */
    public int sshPort() {
        return ssh == null ? -1 : ssh.port();
    }

    public String releaseId() {
        return release.id();
    }

    @Override
    public void close() {
        if (ssh != null) {
            ssh.close();
        }
        http.stop(0);
        if (management != null) {
            management.stop(0);
        }
        executor.shutdownNow();
        dataSource.close();
        LOG.info("Stopped sample-app release={}", release.id());
    }

    private static Router routes(Settings settings, Release release, Subjects subjects, HikariDataSource dataSource,
                                 Migrations migrations, Metrics metrics) {
        AuditLog audit = new AuditLog(dataSource);
        Authenticator authenticator = new Authenticator(settings.auth(), subjects);
        Guard guard = new Guard(authenticator, new Policy(release), audit);
        MissionShape shape = MissionShape.of(release);
        MissionStore missions = new MissionStore(dataSource, shape, FileStore.open(settings.dataDir(), release));
        Router router = new Router(metrics, settings.requestIdHeader());
        StatusRoutes status = new StatusRoutes(release, migrations, settings.buildId(), metrics);
        if (settings.managementPort() < 0) {
            status.registerManagement(router);
        }
        status.registerVersion(router);
        if (settings.versionAuth()) {
            status.registerServerInfo(router, guard);
        }
        new MissionRoutes(guard, missions, new MissionJson(shape)).register(router);
        if (release.has(Trait.PRIORITY_AND_TAGS)) {
            new TagRoutes(guard, missions, new TagStore(dataSource)).register(router);
        }
        new AdminRoutes(guard, audit).register(router);
        authenticator.register(router);
        return router;
    }

    private static HttpServer bind(Settings settings) {
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.bindAddress());
        } catch (UnknownHostException e) {
            throw new StartupException(ExitCode.USAGE, "BIND_ADDRESS '" + settings.bindAddress()
                    + "' is not a known host or address.");
        }
        try {
            return HttpServer.create(new InetSocketAddress(address, settings.port()), 64);
        } catch (BindException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("in use")) {
                throw new StartupException(ExitCode.UNAVAILABLE, "Port " + settings.port() + " on "
                        + settings.bindAddress() + " is already in use. Choose another with PORT.");
            }
            throw new StartupException(ExitCode.UNAVAILABLE, "Cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + message + ". Choose another BIND_ADDRESS or PORT.");
        } catch (IOException e) {
            throw new StartupException(ExitCode.UNAVAILABLE, "Cannot listen on " + settings.bindAddress() + ":"
                    + settings.port() + ": " + e.getMessage());
        }
    }

    private static java.util.concurrent.ThreadFactory namedThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> new Thread(runnable, "http-" + count.incrementAndGet());
    }
}
