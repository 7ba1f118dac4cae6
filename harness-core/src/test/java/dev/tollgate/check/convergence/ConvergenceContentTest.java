package dev.tollgate.check.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.check.CheckContext;
import dev.tollgate.check.CheckResult;
import dev.tollgate.check.EvidenceDatabase;
import dev.tollgate.check.Status;
import dev.tollgate.model.Variables;
import dev.tollgate.model.Profile;
import dev.tollgate.model.Release;
import dev.tollgate.system.DatabaseEndpoint;
import dev.tollgate.system.RunningService;

/**
 * Issue 19: a headless CMS makes a table per user collection at run time; a clean install cannot
 * have the seed's {@code articles}. Declared as content, it is set aside and listed; a real
 * difference of the service's own schema still fails.
 */
class ConvergenceContentTest {

    private static final String SCHEMA = "CREATE TABLE collections (id bigserial PRIMARY KEY, name text NOT NULL)";
    private static final String SEEDED = "CREATE TABLE articles (id bigserial PRIMARY KEY, title text)";

    @RegisterExtension
    static final EvidenceDatabase postgres = EvidenceDatabase.perClass();
    private final ConvergenceCheck convergence = new ConvergenceCheck();

    @Test
    void tablesDeclaredAsContentAreSetAsideAndListed() {
        Upgraded context = new Upgraded(postgres.create(SCHEMA, SEEDED).database(), postgres.create(SCHEMA).database());

        CheckResult undeclared = convergence.run(EvidenceDatabase.spec("convergence", Map.of()), context);
        CheckResult declared = convergence.run(EvidenceDatabase.spec("convergence", Map.of("content", List.of("articles*"))),
                context);

        assertEquals(Status.FAILED, undeclared.status(), undeclared.message());
        assertTrue(undeclared.message().contains("articles: only after the upgrade; articles_id_seq: only after the upgrade"),
                undeclared.message());
        assertEquals(Status.PASSED, declared.status(), declared.message());
        assertEquals("the upgraded schema is identical to a clean install of 2.0.0 (2 tables);"
                + " set aside as content (declared): articles, articles_id_seq", declared.message());
    }

    @Test
    void aRealDifferenceStillFailsBesideContent() {
        Upgraded context = new Upgraded(postgres.create(SCHEMA, SEEDED, "ALTER TABLE collections ADD COLUMN slug text").database(),
                postgres.create(SCHEMA).database());

        CheckResult result = convergence.run(EvidenceDatabase.spec("convergence", Map.of("content", List.of("articles*"))), context);

        assertEquals(Status.FAILED, result.status(), result.message());
        assertEquals("the upgraded schema differs from a clean install of 2.0.0 in 1 place(s): collections.slug: only after"
                + " the upgrade (text NULL); set aside as content (declared): articles, articles_id_seq", result.message());
    }

    /** The upgraded database and a clean install of the candidate beside it. */
    private record Upgraded(DatabaseEndpoint database, DatabaseEndpoint clean) implements CheckContext {

        @Override
        public DatabaseEndpoint cleanInstallReference(Release release) {
            return clean;
        }

        @Override
        public Profile profile() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<RunningService> service() {
            return Optional.empty();
        }

        @Override
        public Variables variables() {
            return Variables.of(Map.of("candidate", "2.0.0"));
        }

        @Override
        public void capture(String name, String value) {
        }
    }
}
