package dev.tollgate.engine;

import dev.tollgate.model.Profile;
import dev.tollgate.model.Variables;

/** How a remote target is named in messages and the run record, before its runtime starts. */
final class RemoteTargets {

    private RemoteTargets() {
    }

    /** The base URL, resolved when it can be, with any credentials in it masked. */
    static String describe(Profile profile, Variables variables) {
        String url;
        try {
            url = variables.resolve(profile.target().url());
        } catch (Variables.UndefinedVariableException e) {
            url = profile.target().url();
        }
        return url.replaceAll("//[^/@]*@", "//***@");
    }

    static boolean databaseGiven(Profile profile, Variables variables) {
        if (profile.target().database() == null || profile.target().database().url() == null) {
            return false;
        }
        try {
            return !variables.resolve(profile.target().database().url()).isBlank();
        } catch (Variables.UndefinedVariableException e) {
            return false;
        }
    }
}
