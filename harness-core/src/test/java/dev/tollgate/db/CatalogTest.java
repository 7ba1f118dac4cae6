package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.system.DatabaseEndpoint;

class CatalogTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    @Test
    void readingNeverWrites() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE TABLE missions (id int)");

        try (Connection connection = Catalog.open(database); Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> statement.execute("INSERT INTO missions VALUES (1)"));
            assertTrue(refused.getMessage().contains("read-only transaction"), refused.getMessage());
        }
    }

    @Test
    void aTableWithoutColumnsStillHasRowsToCount() throws Exception {
        DatabaseEndpoint database = postgres.create("CREATE TABLE marker ()", "INSERT INTO marker DEFAULT VALUES");

        TableFingerprint marker = DataFingerprint.read(database, Set.of()).table("marker").orElseThrow();

        assertEquals(List.of(), marker.columns());
        assertEquals(1, marker.rows());
    }

    @Test
    void quotesEveryIdentifier() {
        assertEquals("\"missions\"", Catalog.quote("missions"));
        assertEquals("\"odd \"\"name\"\"\"", Catalog.quote("odd \"name\""));
        assertEquals("\"Ops\".\"x; DROP TABLE y\"", new Catalog.TableRef("Ops", "x; DROP TABLE y").sql());
    }

    @Test
    void namesTablesBareInPublicAndQualifiedElsewhere() {
        assertEquals("missions", new Catalog.TableRef("public", "missions").display());
        assertEquals("app.missions", new Catalog.TableRef("app", "missions").display());
        assertTrue(new Catalog.TableRef("app", "missions").ignoredBy(Set.of("missions")));
        assertTrue(new Catalog.TableRef("app", "missions").ignoredBy(Set.of("app.missions")));
        assertEquals(false, new Catalog.TableRef("public", "missions").ignoredBy(Set.of("app.missions")));
    }
}
