package dev.tollgate.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.model.AuthzCase;
import dev.tollgate.model.Facts;

/** A result copied with another message keeps what the gate and the reports read: status, facts and evidence. */
class CheckResultTest {

    @Test
    void anotherMessageKeepsTheStatusTheFactsAndTheEvidence() {
        Facts facts = Facts.ofAuthz(List.of(new AuthzCase("viewer", "DELETE /api/v1/missions/1", null,
                AuthzCase.Decision.DENY, 204, AuthzCase.Outcome.WRONG)));
        List<Evidence> evidence = List.of(Evidence.text("matrix", "viewer DELETE: 204"));
        CheckResult result = CheckResult.failed("authz", "1 case wrong", evidence).withFacts(facts);

        CheckResult renamed = result.withMessage("1 case wrong | 3 cases withheld");

        assertEquals(new CheckResult("authz", Status.FAILED, "1 case wrong | 3 cases withheld", evidence, facts), renamed);
    }
}
