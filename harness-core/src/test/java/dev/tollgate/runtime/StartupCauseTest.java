package dev.tollgate.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Real logs of failed starts, each tool's wording, and the one line that says why. */
class StartupCauseTest {

    private static String summary(String log) {
        return StartupCause.of(log.lines().toList()).map(StartupCause::summary).orElse("(none)");
    }

    @Test
    void springBootWithFlywayIsSummarisedByTheFailedMigrationAndPostgresqlsError() {
        String log = """
                2026-12-06T18:00:00.000Z  INFO 4242 --- [main] o.f.core.internal.command.DbMigrate : Migrating schema "public" to version "12 - drop legacy index"
                2026-12-06T18:00:00.100Z ERROR 4242 --- [main] o.s.boot.SpringApplication : Application run failed
                org.springframework.beans.factory.BeanCreationException: Error creating bean with name 'flywayInitializer': Migration V12__drop_legacy_index.sql failed
                ---------------------------------------------
                SQL State  : 42704
                Error Code : 0
                Message    : ERROR: index "orders_legacy_idx" does not exist
                Location   : db/migration/V12__drop_legacy_index.sql
                \tat org.springframework.beans.factory.support.AbstractAutowireCapableBeanFactory.initializeBean(AbstractAutowireCapableBeanFactory.java:1786)
                \tat org.springframework.boot.SpringApplication.run(SpringApplication.java:335)
                Caused by: org.flywaydb.core.internal.command.DbMigrate$FlywayMigrateException: Migration V12__drop_legacy_index.sql failed
                ---------------------------------------------
                SQL State  : 42704
                Message    : ERROR: index "orders_legacy_idx" does not exist
                \tat org.flywaydb.core.internal.command.DbMigrate.doMigrateGroup(DbMigrate.java:372)
                \t... 18 common frames omitted
                Caused by: org.postgresql.util.PSQLException: ERROR: index "orders_legacy_idx" does not exist
                \tat org.postgresql.core.v3.QueryExecutorImpl.receiveErrorResponse(QueryExecutorImpl.java:2725)
                \t... 142 common frames omitted
                """;
        assertEquals("Migration V12__drop_legacy_index.sql failed: ERROR: index \"orders_legacy_idx\" does not exist",
                summary(log));
    }

    @Test
    void flywayTenNamesTheScript() {
        assertEquals("Failed to execute script V7__drop_idx.sql: ERROR: index \"idx_x\" does not exist", summary("""
                Unexpected failure: java.lang.IllegalStateException: Error creating bean: Failed to execute script V7__drop_idx.sql
                SQL State  : 42704
                Error Code : 0
                Message    : ERROR: index "idx_x" does not exist
                \tat dev.x.Y.z(Y.java:1)
                Caused by: org.postgresql.util.PSQLException: ERROR: index "idx_x" does not exist
                \t... 12 more
                """));
    }

    @Test
    void theSampleServicesOwnLinesGiveTheMigrationAndTheDatabasesError() {
        assertEquals("Migration of schema \"public\" to version \"5 - index missions status\" failed! Changes successfully"
                + " rolled back.: ERROR: column \"priorty\" does not exist Hint: Perhaps you meant to reference the column"
                + " \"missions.priority\". Position: 124. Schema version is still 4.", summary("""
                2026-12-06T18:14:41.600Z [main] INFO DbMigrate - Migrating schema "public" to version "5 - index missions status"
                2026-12-06T18:14:41.687Z [main] ERROR DbMigrate - Migration of schema "public" to version "5 - index missions status" failed! Changes successfully rolled back.
                Migration V5 (index missions status) failed: ERROR: column "priorty" does not exist Hint: Perhaps you meant to reference the column "missions.priority". Position: 124. Schema version is still 4.
                """));
    }

    @Test
    void withoutAMigrationToolTheInnermostCauseOfTheFirstStackTraceSpeaks() {
        String log = """
                12:00:00.000 [main] INFO App - starting
                12:00:01.000 [main] ERROR App - Application run failed
                java.lang.IllegalStateException: Failed to start bean 'webServerStartStop'
                \tat org.springframework.context.support.DefaultLifecycleProcessor.doStart(DefaultLifecycleProcessor.java:181)
                Caused by: org.springframework.boot.web.server.PortInUseException: Port 8080 is already in use
                \tat org.springframework.boot.web.embedded.tomcat.TomcatWebServer.start(TomcatWebServer.java:251)
                Caused by: java.net.BindException: Address already in use
                \tat java.base/sun.nio.ch.Net.bind0(Native Method)
                \t... 12 common frames omitted
                12:00:02.000 [main] ERROR App - a later, second trace
                java.lang.RuntimeException: not this one
                \tat x.Y.z(Y.java:1)
                Caused by: java.lang.Error: nor this
                """;
        assertEquals("java.net.BindException: Address already in use", summary(log));
    }

    @Test
    void aTraceWithoutCauseIsNamedByItsFirstLine() {
        assertEquals("Exception in thread \"main\" java.lang.NoClassDefFoundError: org/x/Y", summary("""
                Exception in thread "main" java.lang.NoClassDefFoundError: org/x/Y
                \tat Main.main(Main.java:3)
                """));
    }

    @Test
    void liquibase() {
        assertEquals("Migration failed for changeset db/changelog/jpa-changelog-26.5.0.xml::26.5.0-1::keycloak:"
                + " ERROR: index \"idx_x\" does not exist", summary("""
                2026-12-06 18:00:00,000 ERROR [org.keycloak.quarkus.runtime.cli.ExecutionExceptionHandler] (main) ERROR: Failed to start server in (development) mode
                2026-12-06 18:00:00,001 ERROR [org.keycloak.quarkus.runtime.cli.ExecutionExceptionHandler] (main) Migration failed for changeset db/changelog/jpa-changelog-26.5.0.xml::26.5.0-1::keycloak:
                     Reason: liquibase.exception.DatabaseException: ERROR: index "idx_x" does not exist
                """));
    }

    @Test
    void ectoDjangoAlembicRailsKnexTypeormPrisma() {
        assertEquals("migration failed: == Running 20261206120000 Shop.Repo.Migrations.DropIdx.change/0:"
                + " ERROR 42704 (undefined_object) index \"idx_x\" does not exist", summary("""
                18:00:00.000 [info] == Running 20261206110000 Shop.Repo.Migrations.AddX.change/0 forward
                18:00:00.001 [info] == Migrated 20261206110000 in 0.0s
                18:00:00.002 [info] == Running 20261206120000 Shop.Repo.Migrations.DropIdx.change/0 forward
                ** (Postgrex.Error) ERROR 42704 (undefined_object) index "idx_x" does not exist
                """));
        assertEquals("migration failed: Applying shop.0007_drop_idx: index \"idx_x\" does not exist", summary("""
                  Applying shop.0006_add_x... OK
                  Applying shop.0007_drop_idx...Traceback (most recent call last):
                psycopg2.errors.UndefinedObject: index "idx_x" does not exist
                django.db.utils.ProgrammingError: index "idx_x" does not exist
                """));
        assertEquals("migration failed: Running upgrade 1a2b -> 3c4d: index \"idx_x\" does not exist", summary("""
                INFO  [alembic.runtime.migration] Running upgrade  -> 1a2b, add x
                INFO  [alembic.runtime.migration] Running upgrade 1a2b -> 3c4d, drop idx
                sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedObject) index "idx_x" does not exist
                """));
        assertEquals("migration failed: == 20261206120000 DropIdx: migrating: ERROR: index \"idx_x\" does not exist",
                summary("""
                == 20261206120000 DropIdx: migrating ==========================================
                -- remove_index(:orders, {:name=>"idx_x"})
                rails aborted!
                StandardError: An error has occurred, this and all later migrations canceled:
                PG::UndefinedObject: ERROR:  index "idx_x" does not exist
                """));
        assertEquals("migration file \"20261206_drop_idx.js\" failed: drop index \"idx_x\" - index \"idx_x\" does not exist",
                summary("""
                migration file "20261206_drop_idx.js" failed
                migration failed with error: drop index "idx_x" - index "idx_x" does not exist
                """));
        assertEquals("Migration \"DropIdx1765000000000\" failed, error: index \"idx_x\" does not exist", summary("""
                query: DROP INDEX "idx_x"
                query failed: DROP INDEX "idx_x"
                Migration "DropIdx1765000000000" failed, error: index "idx_x" does not exist
                """));
        assertEquals("Migration name: 20261206120000_drop_idx: ERROR: index \"idx_x\" does not exist", summary("""
                Error: P3018

                A migration failed to apply. New migrations cannot be applied before the error is recovered from.

                Migration name: 20261206120000_drop_idx

                Database error code: 42704

                Database error:
                ERROR: index "idx_x" does not exist
                """));
    }

    @Test
    void aCleanLogTellsOfNoCause() {
        assertEquals(Optional.empty(), StartupCause.of(java.util.List.of("12:00 INFO started", "12:01 INFO stopping")));
    }
}
