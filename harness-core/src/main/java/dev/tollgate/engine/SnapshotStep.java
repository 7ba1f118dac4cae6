package dev.tollgate.engine;

import java.sql.SQLException;
import java.util.Set;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.Evidence;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.db.Snapshot;
import dev.tollgate.db.StateFiles;
import dev.tollgate.db.TableFingerprint;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.report.AllureEvidence;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.runtime.Progress;

/**
 * {@code snapshot: NAME}: records the database's migration history, schema and data fingerprints
 * under a name, for the checks of later steps ({@code since: NAME}), and attaches them to the report.
 */
final class SnapshotStep {

    private final ScenarioState scenario;
    private final Progress progress;

    SnapshotStep(ScenarioState scenario, Progress progress) {
        this.scenario = scenario;
        this.progress = progress;
    }

    void take(Step step) {
        String name = scenario.checks().variables().resolve(step.target());
        DatabaseEndpoint database = scenario.system().database();
        Snapshot snapshot;
        try {
            // Nothing is ignored yet: every table of the service is evidence until a suite can say otherwise.
            snapshot = Snapshot.take(name, database, Set.of(), scenario.checks().profile().database().migrations())
                    .withState(StateFiles.read(scenario.checks().state()));
        } catch (SQLException e) {
            throw new TollgateException(ErrorCode.RUNTIME_SNAPSHOT_FAILED, step.position() + ": cannot take snapshot '" + name
                    + "' of " + database + ": " + e.getMessage() + ". Is the database up? A snapshot needs it, not the service.", e);
        }
        scenario.checks().keep(snapshot);
        AllureEvidence.attach(Evidence.text("snapshot " + name, snapshot.toText()));
        progress.report("    snapshot " + name + ": " + summary(snapshot));
    }

    /**
     * What a restore is about to discard, for the {@code restore} check; best effort, since a
     * restore is often what follows a database nobody can read.
     */
    void keepBeforeRestore(Suite suite, CheckRegistry registry) {
        suite.steps().stream().flatMap(step -> step.checks().stream()).map(spec -> spec.type()).distinct()
                .flatMap(type -> registry.find(type).stream()).forEach(type -> {
                    try {
                        type.beforeRestore(scenario.checks());
                    } catch (RuntimeException e) {
                        progress.report("    (" + type.type() + " before the restore: " + e.getMessage() + ")");
                    }
                });
    }

    /** {@code flyway history of 2, 2 tables, 5 rows}. */
    static String summary(Snapshot snapshot) {
        long rows = snapshot.data().tables().stream().mapToLong(TableFingerprint::rows).sum();
        int tables = snapshot.data().tables().size();
        String history = snapshot.history().migrations().isEmpty() ? "no migration history"
                : snapshot.history().tool() + " history of " + snapshot.history().migrations().size();
        int files = snapshot.state().values().stream().mapToInt(state -> state.files().size()).sum();
        return history + ", " + tables + (tables == 1 ? " table, " : " tables, ") + rows + (rows == 1 ? " row" : " rows")
                + (snapshot.state().isEmpty() ? "" : ", " + files + (files == 1 ? " state file" : " state files"));
    }
}
