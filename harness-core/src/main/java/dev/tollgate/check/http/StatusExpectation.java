package dev.tollgate.check.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The statuses an {@code http} check accepts, as written in {@code status:}: a code ({@code 201}),
 * a list of codes ({@code [200, 204]}), or a class ({@code 2xx}); items of a list may be classes too.
 *
 * @param codes   exact codes accepted
 * @param classes hundreds accepted ({@code 2} for {@code 2xx})
 */
record StatusExpectation(List<Integer> codes, List<Integer> classes) {

    static final StatusExpectation SUCCESS = new StatusExpectation(List.of(), List.of(2));

    private static final Pattern CLASS = Pattern.compile("([1-5])xx");
    private static final Pattern CODE = Pattern.compile("[1-5]\\d\\d");

    /**
     * Reads {@code status:} after variables were resolved in its strings.
     *
     * @throws IllegalArgumentException naming what is wrong, for the caller to place in the suite
     */
    static StatusExpectation parse(Object value) {
        if (value == null) {
            return SUCCESS;
        }
        List<Integer> codes = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            String text = String.valueOf(item).trim().toLowerCase(Locale.ROOT);
            Matcher statusClass = CLASS.matcher(text);
            if (statusClass.matches()) {
                classes.add(Integer.parseInt(statusClass.group(1)));
            } else if (CODE.matcher(text).matches()) {
                codes.add(Integer.parseInt(text));
            } else {
                throw new IllegalArgumentException("'" + item + "' is not an HTTP status: write 201, [200, 204] or 2xx");
            }
        }
        if (codes.isEmpty() && classes.isEmpty()) {
            throw new IllegalArgumentException("an empty list accepts no status: write 201, [200, 204] or 2xx");
        }
        return new StatusExpectation(List.copyOf(codes), List.copyOf(classes));
    }

    boolean accepts(int status) {
        return codes.contains(status) || classes.contains(status / 100);
    }

    /** "201", "2xx", "one of 200, 204, 3xx". */
    @Override
    public String toString() {
        List<String> all = new ArrayList<>();
        codes.forEach(code -> all.add(Integer.toString(code)));
        classes.forEach(hundreds -> all.add(hundreds + "xx"));
        return all.size() == 1 ? all.get(0) : "one of " + all.stream().collect(Collectors.joining(", "));
    }
}
