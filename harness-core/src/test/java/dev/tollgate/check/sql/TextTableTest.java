package dev.tollgate.check.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void rendersLikePsql() {
        QueryResult result = new QueryResult(List.of("id", "name"),
                List.of(List.of(1, "Apollo"), Arrays.asList(12, null)), 2, true);
        assertEquals("""
                 id | name
                ----+--------
                 1  | Apollo
                 12 | NULL
                (2 rows)""", TextTable.render(result));
    }

    @Test
    void showsAtMostFiftyRowsAndCountsTheRest() {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            rows.add(List.of(i));
        }
        String table = TextTable.render(new QueryResult(List.of("n"), rows, 1200, true));
        assertTrue(table.endsWith(" 49\n(1200 rows, 1150 not shown)"), table);
    }

    @Test
    void statementsWithoutRowsSayWhatTheyChanged() {
        assertEquals("(1 row changed)", TextTable.render(new QueryResult(List.of(), List.of(), 1, false)));
    }
}
