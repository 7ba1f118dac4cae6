package dev.tollgate.check;

import java.util.List;

import dev.tollgate.check.convergence.ConvergenceCheck;
import dev.tollgate.check.authz.AuthzCheck;
import dev.tollgate.check.env.EnvCheck;
import dev.tollgate.check.metrics.MetricsCheck;
import dev.tollgate.check.tcp.TcpCheck;
import dev.tollgate.check.data.DataCheck;
import dev.tollgate.check.restore.RestoreCheck;
import dev.tollgate.check.exec.ExecCheck;
import dev.tollgate.check.http.HttpCheck;
import dev.tollgate.check.logs.LogsCheck;
import dev.tollgate.check.migrations.MigrationsCheck;
import dev.tollgate.check.safety.SafetyCheck;
import dev.tollgate.check.sql.SqlCheck;

/** The check types Tollgate ships. */
final class BuiltInChecks {

    private BuiltInChecks() {
    }

    static List<CheckType> all() {
        return List.of(HealthCheck.health(), HealthCheck.ready(), new VersionCheck(),
                new HttpCheck(), new SqlCheck(), new LogsCheck(), new ExecCheck(),
                new MigrationsCheck(), new SafetyCheck(), new DataCheck(), new ConvergenceCheck(), new RestoreCheck(),
                new dev.tollgate.check.drift.DriftCheck(),
                new AuthzCheck(),
                new TcpCheck(),
                new dev.tollgate.check.ssh.SshCheck(),
                new MetricsCheck(),
                new EnvCheck());
    }
}
