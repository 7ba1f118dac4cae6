package dev.tollgate.load;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.tollgate.model.CheckSpec;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Step;
import dev.tollgate.model.Suggestions;
import dev.tollgate.model.Suite;

/**
 * Every subject a suite names ({@code as:} of {@code http} checks, seed fixtures and {@code version}
 * checks, the subjects of authorization matrices) is one the profile declares: checked before anything starts, since credentials are only
 * obtained when a subject is first used, which may be deep into a rehearsal.
 */
@API(status = INTERNAL, since = "0.2")
public final class SubjectReferences {

    /**
     * What reads as a subject's name rather than a literal token: a short word. {@code as:} may still
     * be a bearer token itself, written as a variable (a literal token in a suite file would be a
     * secret in a repository).
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,39}");

    private SubjectReferences() {
    }

    /** One message per undefined subject, each starting with the check's file:line:column. */
    public static List<String> undefined(Suite suite, Profile profile) {
        List<String> problems = new ArrayList<>();
        for (Step step : suite.steps()) {
            for (CheckSpec check : step.checks()) {
                if (check.type().equals("authz")) {
                    problems.addAll(dev.tollgate.check.authz.AuthzCheck.undefinedSubjects(check, profile));
                    continue;
                }
                Object as = check.config().get("as");
                if (as instanceof String name && NAME.matcher(name).matches() && !profile.subjects().containsKey(name)) {
                    problems.add(check.position() + ": check '" + check.name() + "' is sent as subject '" + name
                            + "', which " + profile.describe() + " does not declare"
                            + Suggestions.didYouMean(name, profile.subjects().keySet())
                            + " Subjects: " + (profile.subjects().isEmpty() ? "none" : String.join(", ", profile.subjects().keySet()))
                            + ". Declare it under subjects: in the profile, or fix the name");
                }
            }
        }
        return problems;
    }
}
