package dev.tollgate.check.builtin;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.List;

import org.apiguardian.api.API;

import dev.tollgate.check.CheckType;
import dev.tollgate.check.CheckTypeProvider;
import dev.tollgate.check.authz.AuthzCheck;
import dev.tollgate.check.convergence.ConvergenceCheck;
import dev.tollgate.check.data.DataCheck;
import dev.tollgate.check.env.EnvCheck;
import dev.tollgate.check.exec.ExecCheck;
import dev.tollgate.check.health.HealthCheck;
import dev.tollgate.check.health.VersionCheck;
import dev.tollgate.check.http.HttpCheck;
import dev.tollgate.check.logs.LogsCheck;
import dev.tollgate.check.metrics.MetricsCheck;
import dev.tollgate.check.migrations.MigrationsCheck;
import dev.tollgate.check.restore.RestoreCheck;
import dev.tollgate.check.safety.SafetyCheck;
import dev.tollgate.check.sql.SqlCheck;
import dev.tollgate.check.tcp.TcpCheck;

/**
 * The check types Tollgate ships, found like any plug-in through
 * {@code META-INF/services/dev.tollgate.check.CheckTypeProvider}: the check SPI names none of its
 * implementations, so no check package depends on another through the registry.
 */
@API(status = INTERNAL, since = "0.2")
public final class BuiltInChecks implements CheckTypeProvider {

    @Override
    public List<CheckType> checkTypes() {
        return List.of(HealthCheck.health(), HealthCheck.ready(), new VersionCheck(),
                new HttpCheck(), new SqlCheck(), new LogsCheck(), new dev.tollgate.check.logs.MigrationWarningsCheck(), new ExecCheck(),
                new MigrationsCheck(), new SafetyCheck(), new DataCheck(), new ConvergenceCheck(), new RestoreCheck(),
                new dev.tollgate.check.drift.DriftCheck(),
                new AuthzCheck(),
                new TcpCheck(),
                new dev.tollgate.check.ssh.SshCheck(),
                new MetricsCheck(),
                new EnvCheck(),
                new dev.tollgate.check.availability.AvailabilityCheck());
    }
}
