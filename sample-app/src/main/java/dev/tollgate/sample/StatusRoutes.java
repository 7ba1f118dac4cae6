package dev.tollgate.sample;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.SQLException;
import java.util.regex.Matcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Liveness, readiness, version and metrics: public, no token needed. */
final class StatusRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(StatusRoutes.class);

    private final Release release;
    private final Migrations migrations;
    private final String buildId;
    private final Metrics metrics;

    StatusRoutes(Release release, Migrations migrations, String buildId, Metrics metrics) {
        this.release = release;
        this.migrations = migrations;
        this.buildId = buildId;
        this.metrics = metrics;
    }

    void register(Router router) {
        registerManagement(router);
        registerVersion(router);
    }

    /** Health, readiness and metrics: on the main port, or on a management port of their own (SAMPLE_MANAGEMENT_PORT). */
    void registerManagement(Router router) {
        router.add("GET", "/health", this::health)
                .add("GET", "/ready", this::ready)
                .add("GET", "/metrics", this::metrics);
    }

    void registerVersion(Router router) {
        router.add("GET", "/api/v1/version", this::version);
    }

    /**
     * A version document with nested fields behind authentication (SAMPLE_VERSION_AUTH), shaped like
     * Keycloak's {@code /admin/serverinfo}: {@code {"systemInfo": {"version": …, "schemaVersion": …}}}.
     */
    void registerServerInfo(Router router, Guard guard) {
        router.add("GET", "/api/v1/admin/serverinfo", (exchange, path) -> {
            guard.authenticate(exchange, "serverinfo.read", "serverinfo");
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.putObject("systemInfo").put("version", release.reportedVersion()).put("schemaVersion", schemaVersion())
                    .put("build", buildId);
            exchange.header("X-Sample-Version", release.reportedVersion());
            exchange.json(200, body);
        });
    }

    /** Liveness only: answers without the database, so a slow database never gets the process restarted. */
    private void health(Exchange exchange, Matcher path) throws Exception {
        boolean up = !release.has(Trait.HEALTH_DOWN);
        ObjectNode body = Json.MAPPER.createObjectNode().put("status", up ? "UP" : "DOWN");
        exchange.json(up ? 200 : 503, body);
    }

    private void ready(Exchange exchange, Matcher path) throws Exception {
        Readiness readiness = migrations.readiness();
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (readiness.ready()) {
            body.put("status", "READY").put("schemaVersion", readiness.schemaVersion());
        } else {
            body.put("status", "NOT_READY").put("reason", readiness.reason());
        }
        exchange.json(readiness.ready() ? 200 : 503, body);
    }

    /** Prometheus text format; public, as scrapers on the private network usually are. */
    private void metrics(Exchange exchange, Matcher path) throws Exception {
        exchange.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.exposition());
    }

    private void version(Exchange exchange, Matcher path) throws Exception {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("version", release.reportedVersion());
        body.put("schemaVersion", schemaVersion());
        body.put("build", buildId);
        exchange.json(200, body);
    }

    // The version endpoint still answers while the database is down; the schema version is then unknown (null).
    private String schemaVersion() {
        try {
            return migrations.schemaVersion().orElse(null);
        } catch (SQLException e) {
            LOG.warn("Schema version unavailable: {}", Database.oneLine(e.getMessage()));
            return null;
        }
    }
}
