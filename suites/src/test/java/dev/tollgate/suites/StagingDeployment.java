package dev.tollgate.suites;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A stand-in staging deployment made OUTSIDE Tollgate, the way an operator would: an embedded
 * PostgreSQL and the sample service's jar as a child process with its documented environment
 * (SAMPLE_RELEASE, DATABASE_URL, …, SAMPLE_SUBJECTS with tokens of the test's choosing).
 * Tollgate is then pointed at its URL, as at any deployment it did not make.
 */
final class StagingDeployment implements AutoCloseable {

    /** The subjects the deployment knows, and their tokens (known only to the test and the service). */
    static final Map<String, String> TOKENS = Map.of("admin", "staging-admin-7f3a", "owner", "staging-owner-91c2",
            "contributor", "staging-contributor-44d0", "viewer", "staging-viewer-0be8");

    private final EmbeddedPostgres postgres;
    private final Process service;
    private final URI baseUri;
    private final Path log;

    private StagingDeployment(EmbeddedPostgres postgres, Process service, URI baseUri, Path log) {
        this.postgres = postgres;
        this.service = service;
        this.baseUri = baseUri;
        this.log = log;
    }

    static StagingDeployment start(String release, Path dir) throws IOException, InterruptedException {
        System.setProperty("org.slf4j.simpleLogger.log.io.zonky.test.db.postgres", "warn");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.DISCARD).setErrorRedirector(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            execute(postgres, "postgres", "CREATE DATABASE app");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = dir.resolve("staging-" + release + ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", sampleAppJar().toString(), "serve")
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("SAMPLE_RELEASE", release);
            env.put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/app");
            env.put("DATABASE_USER", "postgres");
            env.put("DATABASE_PASSWORD", "postgres");
            env.put("PORT", Integer.toString(port));
            env.put("BIND_ADDRESS", "127.0.0.1");
            env.put("SAMPLE_EXIT_ON_STDIN_EOF", "true");  // gone with this JVM, whatever happens
            Map<String, String> names = Map.of("admin", "alice", "owner", "olivia", "contributor", "carl", "viewer", "vera");
            env.put("SAMPLE_SUBJECTS", TOKENS.entrySet().stream()
                    .map(entry -> names.get(entry.getKey()) + ":" + entry.getKey() + ":" + entry.getValue())
                    .collect(Collectors.joining(",")));
            Process service = builder.start();
            StagingDeployment deployment = new StagingDeployment(postgres, service, URI.create("http://127.0.0.1:" + port + "/"), log);
            deployment.awaitHealthy();
            return deployment;
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    URI baseUri() {
        return baseUri;
    }

    /** The database URL QA would be given: no password in it; Tollgate opens it read-only. */
    String databaseUrl() {
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/app?user=postgres";
    }

    /** The port of the deployment's PostgreSQL on the loopback (user and password postgres, database app). */
    int databasePort() {
        return postgres.getPort();
    }

    /** A single number from the deployment's own database, read as its operator would (not through Tollgate). */
    long count(String query) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/app",
                "postgres", "postgres"); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(query)) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The service's request log: {@code http_requests_total} by method, route and status, from its
     * {@code /metrics} (which this request itself adds to).
     */
    Map<String, Long> requestCounts() throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(baseUri.resolve("/metrics"))
                .build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Long> counts = new LinkedHashMap<>();
        answer.body().lines().filter(line -> line.startsWith("http_requests_total{")).forEach(line -> {
            int space = line.lastIndexOf(' ');
            counts.put(line.substring(0, space), (long) Double.parseDouble(line.substring(space + 1)));
        });
        return counts;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!service.isAlive()) {
                throw new IllegalStateException("the sample service exited with " + service.exitValue() + ":\n" + log());
            }
            try {
                if (client.send(HttpRequest.newBuilder(baseUri.resolve("/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    awaitCounted();
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the sample service did not answer /health within 60 s:\n" + log());
    }

    /**
     * The service counts a request after it answered it: wait until the health probes are counted,
     * and a moment more for the last /metrics request, so a test's "before" is settled.
     */
    private void awaitCounted() throws IOException, InterruptedException {
        while (requestCounts().keySet().stream().noneMatch(key -> key.contains("route=\"/health\""))) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }

    private static void execute(EmbeddedPostgres postgres, String database, String sql) {
        try (Connection connection = postgres.getDatabase("postgres", database).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static Path sampleAppJar() {
        Path jar = Path.of(System.getProperty("tollgate.sampleApp.jar", "../sample-app/target/sample-app.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no sample-app jar at " + jar + "; build it with mvn -B -pl sample-app -am package");
        }
        return jar;
    }

    @Override
    public void close() {
        service.destroy();
        try {
            if (!service.waitFor(10, TimeUnit.SECONDS)) {
                service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
