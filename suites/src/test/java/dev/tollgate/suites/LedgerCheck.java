package dev.tollgate.suites;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.tollgate.check.CheckConfig;
import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.model.Area;
import dev.tollgate.model.CheckSpec;

/**
 * A plug-in check type, found through {@link java.util.ServiceLoader} ({@code META-INF/services}),
 * as a user's own would be: {@code ledger} counts the rows of a table against what the suite expects,
 * and declares that it speaks for {@link Area#DATA}. Without that declaration the gate would count
 * its findings for the phase it follows (install).
 */
public final class LedgerCheck implements CheckType {

    @Override
    public String type() {
        return "ledger";
    }

    @Override
    public Optional<Area> area() {
        return Optional.of(Area.DATA);
    }

    @Override
    public Set<String> keys() {
        return Set.of("table", "rows");
    }

    @Override
    public Set<String> requiredKeys() {
        return keys();
    }

    @Override
    public CheckResult run(CheckSpec spec, CheckContext context) {
        CheckConfig config = new CheckConfig(spec, context.variables());
        String table = config.string("table").orElseThrow();
        int expected = config.integer("rows").orElseThrow();
        try (Connection connection = context.database().connect(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select count(*) from " + table)) {
            row.next();
            long rows = row.getLong(1);
            return rows == expected ? CheckResult.passed(spec.name(), table + " holds " + rows + " row(s)", List.of())
                    : CheckResult.failed(spec.name(), "expected " + expected + " row(s) in " + table + "; it holds " + rows, List.of());
        } catch (SQLException e) {
            return CheckResult.broken(spec.name(), "cannot count the rows of " + table + ": " + e.getMessage(), List.of());
        }
    }
}
