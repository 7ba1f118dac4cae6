package dev.tollgate.check.sql;

import java.util.ArrayList;
import java.util.List;

/** A result as psql would print it, so a report reader sees rows without opening a database. */
final class TextTable {

    /** Rows shown in evidence; the rest are counted. */
    static final int SHOWN = 50;

    private static final int WIDEST_CELL = 60;

    private TextTable() {
    }

    static String render(QueryResult result) {
        if (!result.isQuery()) {
            return "(" + result.count() + " row" + (result.count() == 1 ? "" : "s") + " changed)";
        }
        List<List<String>> cells = new ArrayList<>();
        result.rows().stream().limit(SHOWN).forEach(row -> cells.add(row.stream().map(TextTable::cell).toList()));
        int[] widths = new int[result.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = result.columns().get(i).length();
            for (List<String> row : cells) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder text = new StringBuilder();
        line(text, result.columns(), widths);
        for (int i = 0; i < widths.length; i++) {
            text.append(i == 0 ? "-" : "-+-").append("-".repeat(widths[i]));
        }
        text.append("-\n");
        cells.forEach(row -> line(text, row, widths));
        long hidden = result.count() - cells.size();
        text.append("(").append(result.count()).append(result.count() == 1 ? " row" : " rows")
                .append(hidden > 0 ? ", " + hidden + " not shown" : "").append(")");
        return text.toString();
    }

    /** A cell as text: NULL spelled out (as psql's \pset null would), long values cut. */
    static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = String.valueOf(value).replace("\n", "\\n");
        return text.length() > WIDEST_CELL ? text.substring(0, WIDEST_CELL - 1) + "…" : text;
    }

    private static void line(StringBuilder text, List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            line.append(i == 0 ? " " : " | ").append(pad(values.get(i), widths[i]));
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
