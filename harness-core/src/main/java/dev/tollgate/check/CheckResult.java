package dev.tollgate.check;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

import dev.tollgate.model.Facts;

/**
 * What one check found.
 *
 * @param check    the check's name as a suite writes it ({@code health}, {@code version})
 * @param status   the outcome
 * @param message  one sentence a person understands: what was expected and what came back
 * @param evidence what the verdict rests on, attached to the report
 * @param facts    what the gate and the reports decide on, as typed values (since 0.2): the message
 *                 is for people, and rewording it must never change a verdict
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CheckResult(String check, Status status, String message, List<Evidence> evidence, Facts facts) {

    public CheckResult {
        Objects.requireNonNull(check, "check must not be null");
        Objects.requireNonNull(status, "status must not be null");
        Objects.requireNonNull(message, "message must not be null");
        evidence = List.copyOf(evidence);
        facts = facts == null ? Facts.NONE : facts;
    }

    /** A result that establishes no fact beside its status. */
    public CheckResult(String check, Status status, String message, List<Evidence> evidence) {
        this(check, status, message, evidence, Facts.NONE);
    }

    /** This result, carrying these facts. */
    @API(status = EXPERIMENTAL, since = "0.2")
    public CheckResult withFacts(Facts established) {
        return new CheckResult(check, status, message, evidence, established);
    }

    /** This result with another message, its facts and evidence kept. */
    @API(status = EXPERIMENTAL, since = "0.2")
    public CheckResult withMessage(String other) {
        return new CheckResult(check, status, other, evidence, facts);
    }

    public static CheckResult passed(String check, String message, List<Evidence> evidence) {
        return new CheckResult(check, Status.PASSED, message, evidence);
    }

    public static CheckResult failed(String check, String message, List<Evidence> evidence) {
        return new CheckResult(check, Status.FAILED, message, evidence);
    }

    public static CheckResult broken(String check, String message, List<Evidence> evidence) {
        return new CheckResult(check, Status.BROKEN, message, evidence);
    }

    public boolean passed() {
        return status == Status.PASSED;
    }
}
