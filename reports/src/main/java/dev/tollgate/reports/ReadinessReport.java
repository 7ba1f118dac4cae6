package dev.tollgate.reports;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.report.RunRecord;

/**
 * The release-readiness step of {@code mvn verify -P…}: run by exec-maven-plugin in the reports
 * module after the rehearsal. Arguments are {@code --key=value}: {@code root}, {@code run},
 * {@code out}, {@code gate} ({@code enforce} or {@code report-only}), {@code waivers},
 * {@code rules}, {@code not-before}, {@code previous}, {@code candidate}, {@code profile}.
 * Exits non-zero on NO-GO or INCONCLUSIVE unless report-only, and on a broken waivers or rules file.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReadinessReport {

    private ReadinessReport() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);  // the only exit: Maven (blockSystemExit) turns it into a failed build
        }
    }

    /**
     * The same step as {@link #main}, callable as a library (the command line's {@code run} uses it):
     * takes the same {@code --key=value} arguments, prints to {@code out} and {@code err}, and
     * returns the exit code instead of exiting.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            return run(ReportOptions.parse(args, warning -> err.println("[tollgate] warning: " + warning)), Optional.empty(),
                    out, err);
        } catch (IllegalArgumentException e) {
            err.println("release-readiness: " + e.getMessage());
            return ErrorCode.Phase.LOAD.exitCode();
        }
    }

    /**
     * The same step for a caller in the rehearsal's JVM (the command line): judges {@code run}, the
     * record the engine handed over in memory, or, when empty, reads {@link ReportOptions#runRecord()}.
     */
    @API(status = INTERNAL, since = "0.2")
    public static int run(ReportOptions options, Optional<RunRecord> run, PrintStream out, PrintStream err) {
        return judge(options, run.map(record -> new RunRecordFile.Loaded(Optional.of(record), ""))
                .orElseGet(() -> RunRecordFile.load(options.runRecord(), options.notBefore(), options.previous(),
                        options.candidate(), options.root())), out, err);
    }

    /**
     * The same step when there is no run to judge, for the reason given (shards that do not fit
     * together): INCONCLUSIVE, both files written, the reason in them.
     */
    @API(status = INTERNAL, since = "0.2")
    public static int runWithout(ReportOptions options, String reason, PrintStream out, PrintStream err) {
        return judge(options, new RunRecordFile.Loaded(Optional.empty(), reason), out, err);
    }

    private static int judge(ReportOptions options, RunRecordFile.Loaded loaded, PrintStream out, PrintStream err) {
        try {
            ReadinessGate.Outcome outcome = ReadinessGate.run(options, loaded, out);
            appendToJobSummary(outcome.markdown(), err);
            if (outcome.exitCode() != 0) {
                err.println(outcome.failure());
            }
            return outcome.exitCode();
        } catch (TollgateException e) {
            err.println(e.getMessage());
            return e.code().exitCode();
        } catch (IllegalArgumentException e) {
            err.println("release-readiness: " + e.getMessage());
            return ErrorCode.Phase.LOAD.exitCode();
        }
    }

    // On GitHub Actions the summary shows on the run's page; elsewhere the variable is unset.
    private static void appendToJobSummary(Path markdown, PrintStream err) {
        String summary = System.getenv("GITHUB_STEP_SUMMARY");
        if (summary == null || summary.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(summary), Files.readString(markdown), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            err.println("[tollgate] warning: cannot append the summary to GITHUB_STEP_SUMMARY " + summary + ": "
                    + e.getMessage());
        }
    }
}
