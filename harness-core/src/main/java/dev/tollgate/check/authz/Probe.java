package dev.tollgate.check.authz;

import dev.tollgate.check.authz.Matrix.Case;
import dev.tollgate.model.AuthzCase.Decision;

/** One cell of a matrix: a case's request sent as one subject, with the decision expected. */
record Probe(Case source, String subject, Decision expected) {

    /** "viewer DELETE /api/v1/missions/${mission}", as messages name it. */
    String describe() {
        return subject + " " + source.request();
    }
}
