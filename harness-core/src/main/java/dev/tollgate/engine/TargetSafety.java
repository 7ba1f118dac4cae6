package dev.tollgate.engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.tollgate.api.Hints;
import dev.tollgate.api.Constants;
import dev.tollgate.api.ErrorCode;
import dev.tollgate.api.TollgateException;
import dev.tollgate.check.CheckRegistry;
import dev.tollgate.check.CheckType;
import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suite;
import dev.tollgate.runtime.Progress;

/**
 * Keeps destructive suites and steps away from a deployment Tollgate did not make. Against a
 * {@code remote} target, a suite that is destructive (the default: only {@code destructive: false}
 * makes a suite read-only) or holds a step that writes (install, upgrade, rollback, restore, seed;
 * a POST, PUT, PATCH or DELETE not declared {@code safe: true}) is refused before any suite starts,
 * so nothing reaches the service. {@code -Dtollgate.allowDestructive=true} lets them run, loudly.
 */
final class TargetSafety {

    /** One destructive suite, and its first step that writes, if one does. */
    record Finding(Suite suite, Optional<String> step) {

        String describe() {
            String file = suite.position().file().toString();
            return "suite '" + suite.name() + "' (" + file + ":" + suite.position().line() + ") is destructive: "
                    + step.orElse(suite.destructive() ? "it does not declare destructive: false, so it may change the"
                            + " system under test" : "it changes the system under test");
        }
    }

    /** The refusal, with the suites it names: the run record carries them as they are, not as text. */
    static final class Refused extends TollgateException {

        private static final long serialVersionUID = 1L;

        private final transient List<Finding> findings;

        Refused(String message, List<Finding> findings) {
            super(ErrorCode.LOAD_DESTRUCTIVE_REFUSED, message);
            this.findings = List.copyOf(findings);
        }

        List<Finding> findings() {
            return findings;
        }
    }

    private TargetSafety() {
    }

    /**
     * @return the destructive suites that run anyway, by the opt-in
     * @throws TollgateException {@link ErrorCode#LOAD_DESTRUCTIVE_REFUSED} naming every destructive
     *                           suite and its first step that writes, and how to run a read-only suite
     */
    static List<Finding> enforce(Profile profile, String target, List<Suite> suites, CheckRegistry registry,
            boolean allowDestructive, Progress progress) {
        if (!profile.remote()) {
            return List.of();
        }
        List<Finding> findings = suites.stream().map(suite -> finding(suite, registry)).flatMap(Optional::stream).toList();
        if (findings.isEmpty()) {
            return findings;
        }
        String list = findings.stream().map(finding -> "  - " + finding.describe()).collect(Collectors.joining("\n"));
        if (allowDestructive) {
            String banner = "!".repeat(100);
            progress.report(banner);
            progress.report("!! DESTRUCTIVE STEPS ALLOWED against the remote target " + target + " (-D"
                    + Constants.ALLOW_DESTRUCTIVE + "=true): they may change it, and the verdict records this.");
            list.lines().forEach(line -> progress.report("!! " + line));
            progress.report(banner);
            return findings;
        }
        String message = "Refused: " + (findings.size() == 1 ? "a destructive suite was" : findings.size()
                + " destructive suites were") + " selected against the remote target " + target + " (" + profile.describe()
                + "). Nothing was started and no request was sent.\n" + list + "\nRun a read-only suite there instead:"
                + " mvn -B verify -Pstaging (suites with destructive: false, tag 'staging', like staging.suite.yaml)."
                + " Only for a disposable environment, opt in with " + Hints.setting(Constants.ALLOW_DESTRUCTIVE, "true") + ".";
        progress.report(message);
        throw new Refused(message, findings);
    }

    static Optional<Finding> finding(Suite suite, CheckRegistry registry) {
        List<String> writes = new ArrayList<>();
        for (Step step : suite.steps()) {
            if (step.kind().destructive()) {
                writes.add("step '" + step.displayName() + "' at " + where(step.position().file(), step.position().line(),
                        step.position().column()) + " changes the system under test");
            }
            for (CheckSpec check : step.checks()) {
                Optional<CheckType> type = registry.find(check.type());
                if (type.isPresent() && CheckType.writes(type.get(), check.config())) {
                    writes.add("check '" + check.name() + "' at " + where(check.position().file(), check.position().line(),
                            check.position().column()) + " writes to the system under test (declare safe: true if it does not)");
                }
            }
        }
        if (writes.isEmpty() && !suite.destructive()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(suite, writes.stream().findFirst()));
    }

    private static String where(Path file, int line, int column) {
        return file + ":" + line + ":" + column;
    }
}
