package dev.tollgate.profiles.checks;

import static dev.tollgate.check.Status.FAILED;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import dev.tollgate.check.CheckResult;
import dev.tollgate.check.env.EnvCheck;
import dev.tollgate.check.exec.ExecCheck;
import dev.tollgate.check.metrics.MetricsCheck;
import dev.tollgate.check.tcp.TcpCheck;
import dev.tollgate.profiles.LocalProfile;

/**
 * The checks of an operator's upgrade checklist against the real sample service: its metrics
 * endpoint, its environment as the local runtime launched it, its port, and its doctor command.
 */
class OperatorChecksTest extends RunningRelease {

    private final MetricsCheck metrics = new MetricsCheck();

    @Test
    void metricsCaptureACounterAndCatchItsIncrease() throws Exception {
        String denied = """
                path: /metrics
                metric: http_requests_total
                labels: { route: "/api/v1/missions/\\\\{id\\\\}", status: "4.." }
                """;
        assertPasses(run(metrics, denied + "capture: deniedBefore"));
        assertPasses(run(metrics, denied + "since: ${deniedBefore}\nincreaseAtMost: 0"));

        HttpResponse<String> delete = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                runtime.current().orElseThrow().resolve("/api/v1/missions/1")).DELETE()
                .header("Authorization", "Bearer " + LocalProfile.token(profile, "viewer")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(delete.statusCode() == 403 || delete.statusCode() == 404, delete.body());

        assertResult(FAILED, run(metrics, denied + "since: ${deniedBefore}\nincreaseAtMost: 0"),
                "to increase by at most 0; it is http_requests_total", "increase since ");
        assertPasses(run(metrics, """
                path: /metrics
                metric: http_request_duration_seconds
                labels: { quantile: "0.99" }
                aggregate: max
                atMost: 30
                """));
    }

    /** Request-id correlation as a suite writes it: an http check sends the id, a sql check finds it in the audit log. */
    @Test
    void aRequestIdSentIsFoundInTheAuditLog() {
        assertPasses(run(new dev.tollgate.check.http.HttpCheck(), """
                method: DELETE
                path: /api/v1/missions/424242
                as: viewer
                headers: { X-Request-Id: correlate-me-7 }
                status: 403
                expectHeaders: { X-Request-Id: "^correlate-me-7$" }
                """));
        dev.tollgate.check.sql.SqlCheck sql = new dev.tollgate.check.sql.SqlCheck();
        assertPasses(run(sql, """
                query: SELECT subject, action, outcome FROM audit_log WHERE request_id = ?
                params: [correlate-me-7]
                expect: [[vera, missions.delete, denied]]
                """));
        assertResult(FAILED, run(sql, """
                query: SELECT subject, action, outcome FROM audit_log WHERE request_id = ?
                params: [never-sent-1]
                expect: [[vera, missions.delete, denied]]
                """), "expected 1 row");
    }

    @Test
    void envSeesTheVariablesTheRuntimeLaunchedTheServiceWith() {
        EnvCheck env = new EnvCheck();
        assertPasses(run(env, "{required: [DATABASE_URL, SAMPLE_RELEASE, PORT]}"));
        CheckResult missing = run(env, "{required: [DATABASE_URL, SAMPLE_SMTP_PASSWORD], anyOf: [[SMTP_HOST, SMTP_URL]]}");
        assertResult(FAILED, missing, "SAMPLE_SMTP_PASSWORD is not set", "none of SMTP_HOST, SMTP_URL is set");
        assertFalse(missing.message().contains("jdbc:"), "values are never shown: " + missing.message());
    }

    @Test
    void tcpSpeaksToTheServicePort() {
        TcpCheck tcp = new TcpCheck();
        assertPasses(run(tcp, "{send: 'GET /health HTTP/1.0\\r\\n\\r\\n', expect: '^HTTP/1\\.[01] 200 '}"));
        assertResult(FAILED, run(tcp, "{banner: '^SSH-2\\.0-', timeout: 500ms}"), "to speak within 500 ms");
    }

    @Test
    void doctorRunsInTheServiceEnvironmentAndPasses() {
        CheckResult doctor = run(new ExecCheck(), """
                command: ["${java.home}/bin/java", -jar, "${tollgate.sampleApp.jar}", doctor]
                output: "(?m)^ok +migrations: schema version 6"
                """);
        assertPasses(doctor);
        CheckResult wrongRelease = run(new ExecCheck(), """
                command: ["${java.home}/bin/java", -jar, "${tollgate.sampleApp.jar}", doctor, --release, 2.0.0]
                """);
        assertResult(FAILED, wrongRelease, "to exit with 0; it exited with 1", "FAIL  migrations: 1 pending migration");
    }
}
