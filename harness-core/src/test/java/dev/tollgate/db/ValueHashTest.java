package dev.tollgate.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.tollgate.system.DatabaseEndpoint;

/**
 * What typed hashing takes as equal and what it must not: a value an upgrade changed never hashes as
 * its old self, in the row's hash or in its column's; a value an upgrade only wrote another way (a
 * wider integer, a scale with more zeros, {@code timestamp} read as UTC into {@code timestamptz})
 * hashes alike, so the data check compares it.
 */
class ValueHashTest {

    @RegisterExtension
    static final TestDatabases postgres = TestDatabases.perClass();

    /** One table {@code name (id <keyType> PRIMARY KEY, v <type>)} with one row, and what the upgrade does to it. */
    private record Case(String name, String keyType, String type, String value, String upgrade) {

        String create() {
            return "CREATE TABLE " + name + " (id " + keyType + " PRIMARY KEY, v " + type + ");"
                    + " INSERT INTO " + name + " VALUES (7, " + value + ");";
        }
    }

    private static final List<Case> CHANGED = List.of(
            new Case("interval_month", "int", "interval", "'1 mon'", "UPDATE interval_month SET v = '30 days'"),
            new Case("case_only", "int", "text COLLATE case_blind", "'Alice'", "UPDATE case_only SET v = 'alice'"),
            new Case("array_bounds", "int", "int[]", "'{1,2}'", "UPDATE array_bounds SET v = '[0:1]={1,2}'"),
            new Case("enum_label", "int", "phase", "'draft'", "ALTER TYPE phase RENAME VALUE 'draft' TO 'proposal'"),
            new Case("json_number", "int", "jsonb", "'{\"a\": 1}'", "UPDATE json_number SET v = '{\"a\": 2}'"),
            new Case("json_key", "int", "jsonb", "'{\"a\": 1}'", "UPDATE json_key SET v = '{\"b\": 1}'"),
            new Case("json_wrapped", "int", "jsonb", "'\"a\"'", "UPDATE json_wrapped SET v = '[\"a\"]'"),
            new Case("json_nested", "int", "jsonb", "'{\"a\": {\"b\": 1}}'", "UPDATE json_nested SET v = '{\"a\": {}, \"b\": 1}'"),
            new Case("money_cent", "int", "numeric(10, 2)", "1.00", "UPDATE money_cent SET v = 1.01"),
            new Case("instant", "int", "timestamptz", "'2026-01-01 00:00:00+00'",
                    "UPDATE instant SET v = v + interval '1 microsecond'"),
            new Case("day", "int", "date", "'2026-01-01'", "UPDATE day SET v = v + 1"),
            new Case("flag", "int", "boolean", "true", "UPDATE flag SET v = false"),
            new Case("ratio", "int", "double precision", "0.1", "UPDATE ratio SET v = 0.1000000000000001"),
            new Case("token", "int", "uuid", "'6f1c2a3b-0000-4000-8000-000000000001'",
                    "UPDATE token SET v = '6f1c2a3b-0000-4000-8000-000000000002'"),
            new Case("count_of", "bigint", "bigint", "-1", "UPDATE count_of SET v = 4294967295"),
            new Case("blob", "int", "bytea", "'\\x00'", "UPDATE blob SET v = '\\x0000'"),
            new Case("empty_text", "int", "text", "''", "UPDATE empty_text SET v = NULL"));

    private static final List<Case> REWRITTEN = List.of(
            new Case("wider_int", "int", "int", "-5", "ALTER TABLE wider_int ALTER COLUMN v TYPE bigint, ALTER COLUMN id TYPE bigint"),
            new Case("more_scale", "int", "numeric(10, 1)", "1.5", "ALTER TABLE more_scale ALTER COLUMN v TYPE numeric(10, 3)"),
            new Case("to_text", "int", "varchar(20)", "'Apollo'", "ALTER TABLE to_text ALTER COLUMN v TYPE text"),
            new Case("unpadded", "int", "char(8)", "'ab'", "ALTER TABLE unpadded ALTER COLUMN v TYPE varchar(8)"),
            new Case("zoned", "int", "timestamp", "'2026-01-01 12:00:00'",
                    "ALTER TABLE zoned ALTER COLUMN v TYPE timestamptz USING v AT TIME ZONE 'UTC'"),
            new Case("day_to_time", "int", "date", "'2026-01-01'", "ALTER TABLE day_to_time ALTER COLUMN v TYPE timestamp"),
            new Case("double_of", "int", "real", "1.5", "ALTER TABLE double_of ALTER COLUMN v TYPE double precision"),
            new Case("negative_zero", "int", "double precision", "0", "UPDATE negative_zero SET v = '-0'"));

    @Test
    void aChangedValueNeverHashesAsItsOldSelf() throws Exception {
        DatabaseEndpoint database = create(CHANGED);
        Readings before = Readings.of(database);

        TestDatabases.execute(database, CHANGED.stream().map(Case::upgrade).toArray(String[]::new));
        Readings after = Readings.of(database);

        for (Case changed : CHANGED) {
            assertNotEquals(before.rows(changed), after.rows(changed), changed.name() + ": the row's hash");
            assertNotEquals(before.value(changed), after.value(changed), changed.name() + ": the column's hash");
        }
    }

    @Test
    void theSameValueWrittenAnotherWayHashesAlike() throws Exception {
        DatabaseEndpoint database = create(REWRITTEN);
        Readings before = Readings.of(database);

        TestDatabases.execute(database, REWRITTEN.stream().map(Case::upgrade).toArray(String[]::new));
        Readings after = Readings.of(database);

        for (Case rewritten : REWRITTEN) {
            assertEquals(before.rows(rewritten), after.rows(rewritten), rewritten.name() + ": the row's hash");
            assertEquals(before.value(rewritten), after.value(rewritten), rewritten.name() + ": the column's hash");
            assertEquals(before.key(rewritten), after.key(rewritten), rewritten.name() + ": how the key seeded");
        }
    }

    @Test
    void typesWithoutAFaithfulHashOfTheirOwnAreHashedAsText() {
        assertEquals(List.of(ValueHash.TEXT, ValueHash.TEXT, ValueHash.TEXT, ValueHash.TEXT, ValueHash.TEXT, ValueHash.TEXT,
                ValueHash.TEXT), List.of("interval", "integer[]", "json", "jsonb", "bytea", "character varying", "phase").stream()
                        .map(ValueHash::of).toList());
        assertEquals(List.of(ValueHash.INTEGER, ValueHash.INTEGER, ValueHash.TIMESTAMP, ValueHash.NUMERIC),
                List.of("smallint", "bigint", "date", "numeric").stream().map(ValueHash::of).toList());
        assertEquals(List.of(KeyHash.NONE, KeyHash.VALUE, KeyHash.HASH, KeyHash.HASH),
                List.of(List.<String>of(), List.of("integer"), List.of("text"), List.of("integer", "bigint")).stream()
                        .map(KeyHash::of).toList());
    }

    private static DatabaseEndpoint create(List<Case> cases) {
        List<String> statements = new ArrayList<>(List.of(
                "CREATE COLLATION case_blind (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
                "CREATE TYPE phase AS ENUM ('draft', 'final')"));
        cases.forEach(each -> statements.add(each.create()));
        return postgres.create(statements.toArray(String[]::new));
    }

    /** A database's row and column fingerprints, read once. */
    private record Readings(DataFingerprint rows, ColumnFingerprints columns) {

        static Readings of(DatabaseEndpoint database) throws Exception {
            try (Connection connection = Catalog.open(database)) {
                ColumnFingerprints.Contents contents = ColumnFingerprints.readWithRows(connection, null, Set.of());
                return new Readings(contents.rows(), contents.columns());
            }
        }

        TableFingerprint rows(Case of) {
            return rows.table(of.name()).orElseThrow();
        }

        ColumnFingerprints.Column value(Case of) {
            return columns.table(of.name()).orElseThrow().column("v").orElseThrow();
        }

        KeyHash key(Case of) {
            return columns.table(of.name()).orElseThrow().keyHash();
        }
    }
}
