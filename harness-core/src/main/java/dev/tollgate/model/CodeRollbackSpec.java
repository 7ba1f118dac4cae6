package dev.tollgate.model;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.apiguardian.api.API;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the previous release may say, when it is started again on the upgraded database, that tells
 * the way back is not quite clean:
 *
 * <pre>
 * codeRollback:
 *   warnings: ['Possibly incorrect state of migration', '(?i)newer than the latest available migration']
 * </pre>
 *
 * A line of its log logged at WARN or above (or naming no level) that matches one of {@code warnings}
 * (Java regexes, found anywhere in the line) is stated in the verdict as "code rollback: the previous release warned: …"; the gate rules decide
 * whether that blocks. {@code warnings: []} turns the scan off.
 *
 * <p>A class, not a record, so that it keeps the patterns it compiled when it checked them: each
 * pattern is compiled once, however many rollbacks scan a log.
 */
@API(status = EXPERIMENTAL, since = "0.2")
public final class CodeRollbackSpec {

    /** The check type that reads a release's log for these warnings, which a {@code rollback} step runs by itself. */
    public static final String SCAN_CHECK = "migration-warnings";

    /**
     * What migration tools and frameworks log when old code meets a newer schema: Keycloak's model
     * check, Flyway's "newer than the latest available migration" and its applied migrations not
     * resolved locally (future ones), Liquibase's unexpected change sets, Hibernate's schema validation.
     */
    public static final List<String> DEFAULT_WARNINGS = List.of(
            "Possibly incorrect state of migration",
            "(?i)newer than the latest available migration",
            "(?i)applied migrations? not resolved locally",
            "(?i)\\bfuture migrations?\\b",
            "(?i)\\bunknown migrations?\\b",
            "(?i)unexpected change ?sets?\\b",
            "(?i)schema-validation: (?:missing|wrong)");

    private final List<String> warnings;
    private final List<Pattern> patterns;

    /**
     * @param warnings the patterns; {@link #DEFAULT_WARNINGS} when not given
     * @throws IllegalArgumentException naming the pattern that is not a regular expression
     */
    @JsonCreator
    public CodeRollbackSpec(@JsonProperty("warnings") List<String> warnings) {
        this.warnings = warnings == null ? DEFAULT_WARNINGS : List.copyOf(warnings);
        List<Pattern> compiled = new ArrayList<>();
        for (String warning : this.warnings) {
            try {
                compiled.add(Pattern.compile(warning));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("codeRollback.warnings: '" + warning + "' is not a regular expression ("
                        + e.getDescription() + ")");
            }
        }
        this.patterns = List.copyOf(compiled);
    }

    public static CodeRollbackSpec defaults() {
        return new CodeRollbackSpec(null);
    }

    /** The patterns as written. */
    public List<String> warnings() {
        return warnings;
    }

    /** The patterns, compiled (once, when this was made). */
    public List<Pattern> patterns() {
        return patterns;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodeRollbackSpec spec && warnings.equals(spec.warnings);
    }

    @Override
    public int hashCode() {
        return warnings.hashCode();
    }

    @Override
    public String toString() {
        return "CodeRollbackSpec[warnings=" + warnings + "]";
    }
}
