package dev.tollgate.engine;

import java.util.ArrayList;
import java.util.List;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.CheckType;
import dev.tollgate.check.Status;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Variables;
import dev.tollgate.report.AllureEvidence;

/** Runs the checks of one step in order; every check runs, so one failure does not hide the next. */
final class CheckRunner {

    private final CheckRegistry registry;
    private final RuntimeCheckContext context;

    CheckRunner(CheckRegistry registry, RuntimeCheckContext context) {
        this.registry = registry;
        this.context = context;
    }

    /**
     * One check's result with the check it ran and its type: the record pairs them so, never by
     * position in a list.
     */
    record Ran(CheckSpec spec, CheckType type, CheckResult result) {
    }

    List<Ran> run(List<CheckSpec> specs) {
        List<Ran> results = new ArrayList<>();
        for (CheckSpec spec : specs) {
            CheckType type = type(registry, spec);
            results.add(new Ran(spec, type, runOne(spec, type)));
        }
        return results;
    }

    static CheckType type(CheckRegistry registry, CheckSpec spec) {
        return registry.find(spec.type()).orElseThrow(() -> new IllegalStateException(
                spec.position() + ": no check type '" + spec.type() + "' (the loader should have said so)"));
    }

    private CheckResult runOne(CheckSpec spec, CheckType type) {
        try {
            return type.run(spec, context);
        } catch (TollgateException e) {
            if (e.code() == ErrorCode.RUNTIME_NO_DATABASE) {
                // A remote target given no database URL: the check has nothing to read, which is not a finding.
                return new CheckResult(spec.name(), Status.SKIPPED, "skipped: " + e.getMessage(), List.of());
            }
            throw e;
        } catch (IllegalArgumentException | Variables.UndefinedVariableException e) {
            // A suite error only visible at run time (a value of the wrong shape, a capture that never happened).
            return CheckResult.broken(spec.name(), spec.position() + ": " + e.getMessage(), List.of());
        }
    }

    /** Records each result in the report. */
    static void report(List<Ran> results) {
        results.forEach(ran -> AllureEvidence.check(ran.result()));
    }
}
