package dev.tollgate.check.authz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tollgate.model.AuthzCase.Decision;
import dev.tollgate.model.SourcePosition;
import dev.tollgate.model.SubjectSpec;

/**
 * An authorization matrix as read from its file: subject groups, the resources cases act on, and
 * the cases, each a request with the decision expected per subject. Immutable; positions point
 * into the file for messages.
 */
record Matrix(Path file, Map<String, SubjectSpec> subjects, Map<String, List<String>> groups,
        Map<String, Resource> resources, List<Case> cases) {

    /** {@code ${name}} in paths and bodies: a resource's id. */
    static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");
    /** Names no subject may take: they mean something in an {@code expect} row. */
    static final String OTHERS = "others";

    Matrix {
        subjects = Map.copyOf(subjects);
        groups = Map.copyOf(groups);
        resources = Map.copyOf(resources);
        cases = List.copyOf(cases);
    }

    /**
     * Something a case needs to exist: created through the API before the case, its id captured.
     *
     * @param create   {@code METHOD path} that creates one
     * @param body     what to send, as YAML values (sent as JSON)
     * @param as       the subject that creates and re-reads it
     * @param idPath   where the new id is in the answer (dot path)
     * @param readPath how to read one back, with {@code ${name}} for its id
     */
    record Resource(String name, Request create, Object body, String as, String idPath, String readPath,
            SourcePosition position) {
    }

    /** A method and a path template, as written ({@code DELETE /api/v1/missions/${mission}}). */
    record Request(String method, String path) {

        private static final Pattern FORM = Pattern.compile("([A-Za-z]+)\\s+(/\\S*)");

        static Request parse(String text) {
            Matcher matcher = FORM.matcher(text.trim());
            if (!matcher.matches()) {
                throw new IllegalArgumentException("expected METHOD /path, like DELETE /api/v1/missions/${mission}; found '"
                        + text + "'");
            }
            return new Request(matcher.group(1).toUpperCase(Locale.ROOT), matcher.group(2));
        }

        /** Whether it changes nothing, by HTTP's definition of safe methods. */
        boolean safe() {
            return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
        }

        /** The resources its path refers to, in order. */
        List<String> references() {
            return references(path);
        }

        static List<String> references(String template) {
            Set<String> names = new LinkedHashSet<>();
            Matcher matcher = REFERENCE.matcher(template);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return new ArrayList<>(names);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** One {@code names: decision} part of an {@code expect} row. */
    record Row(List<String> names, Decision decision) {
    }

    /**
     * An optional question to the service's explain endpoint, asked as each subject of the case.
     *
     * @param reason a regex the reason must match; {@code ${subject}} stands for the subject's name
     */
    record Explain(String action, String resource, String reason) {
    }

    /**
     * A request and what each subject must get.
     *
     * @param status the documented success status for {@code allow}; {@code null} means any 2xx
     */
    record Case(Request request, Object body, List<Row> expect, List<Integer> status, Explain explain,
            SourcePosition position) {
    }
}
