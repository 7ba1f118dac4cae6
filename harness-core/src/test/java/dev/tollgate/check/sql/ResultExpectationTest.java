package dev.tollgate.check.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ResultExpectationTest {

    private static final QueryResult MISSIONS = new QueryResult(List.of("name", "priority"),
            List.of(List.of("Apollo", 3), Arrays.asList("Gemini", null)), 2, true);

    @Test
    void scalarIsTheOnlyValueOfTheResult() {
        QueryResult one = new QueryResult(List.of("avg"), List.of(List.of(new BigDecimal("3.50"))), 1, true);
        assertEquals(Optional.empty(), ResultExpectation.mismatch(3.5, one));
        assertEquals(Optional.empty(), ResultExpectation.mismatch("3.5", one));
        assertEquals(Optional.of("expected the single value 4; the query returned 3.50"), ResultExpectation.mismatch(4, one));
        assertTrue(ResultExpectation.mismatch("Apollo", MISSIONS).orElseThrow().contains("returned 2 rows of 2 column(s)"));
    }

    @Test
    void rowsAsListsOrNamedColumns() {
        assertEquals(Optional.empty(), ResultExpectation.mismatch(
                List.of(List.of("Apollo", 3), Map.of("name", "Gemini")), MISSIONS));
        assertEquals(Optional.empty(), ResultExpectation.mismatch(
                List.of(List.of("Apollo", "3"), Arrays.asList("Gemini", null)), MISSIONS));
        assertEquals(Optional.of("row 2: expected priority = 1; it was NULL"), ResultExpectation.mismatch(
                List.of(Map.of("name", "Apollo"), Map.of("PRIORITY", 1)), MISSIONS));
        assertEquals(Optional.of("expected 1 row; the query returned 2"),
                ResultExpectation.mismatch(List.of(List.of("Apollo", 3)), MISSIONS));
        assertTrue(ResultExpectation.mismatch(List.of(Map.of("nope", 1), Map.of("name", "Gemini")), MISSIONS)
                .orElseThrow().contains("expected a column 'nope'; the query returned columns name, priority"));
    }

    @Test
    void rowCount() {
        assertEquals(Optional.empty(), ResultExpectation.mismatch(Map.of("rows", 2), MISSIONS));
        assertEquals(Optional.of("expected 3 rows; the query returned 2"), ResultExpectation.mismatch(Map.of("rows", 3), MISSIONS));
        assertThrows(IllegalArgumentException.class, () -> ResultExpectation.mismatch(Map.of("count", 3), MISSIONS));
    }
}
