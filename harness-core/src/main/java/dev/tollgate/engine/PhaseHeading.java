package dev.tollgate.engine;

import java.util.Optional;

import dev.tollgate.model.Step;
import dev.tollgate.model.Variables;
import dev.tollgate.runtime.SystemUnderTest;

/**
 * The line that tells a person at the terminal a new phase starts: a step that changes what runs
 * ({@code ── upgrade 1.0.0 → 1.1.0}). Checks and snapshots belong to the phase before them.
 */
final class PhaseHeading {

    private PhaseHeading() {
    }

    static Optional<String> of(Step step, SystemUnderTest system, Variables variables) {
        String target = target(step, variables);
        String running = system.runningRelease().map(release -> release.id()).orElse(null);
        return Optional.ofNullable(switch (step.kind()) {
            case INSTALL -> "── install " + target + Optional.ofNullable(step.options().get(Step.FROM))
                    .map(dump -> " on the dump " + resolve(dump, variables)).orElse(" on an empty database");
            case UPGRADE, ROLLBACK -> "── " + step.kind().key() + " " + (running == null ? "" : running + " → ") + target;
            case RESTORE -> "── restore backup '" + target + "'"
                    + Optional.ofNullable(step.options().get("release")).map(release -> " and start " + resolve(release, variables))
                            .orElse("");
            default -> null;
        });
    }

    private static String target(Step step, Variables variables) {
        return step.target() == null ? "" : resolve(step.target(), variables);
    }

    private static String resolve(String template, Variables variables) {
        try {
            return variables.resolve(template);
        } catch (Variables.UndefinedVariableException e) {
            return template;  // the step itself will say what is missing
        }
    }
}
