package dev.tollgate.check.authz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import dev.tollgate.model.AuthzSpec;
import dev.tollgate.model.Profile;

/**
 * Which routes × subjects no case covers, given the service's route list: the profile's
 * {@code authz.routes}, or the paths of its OpenAPI document. Path parameters match whatever
 * stands in their place ({@code /missions/{id}} is covered by {@code /missions/${mission}}).
 *
 * @param routes    the route list, normalised ({@code DELETE /api/v1/missions/{}}), as written
 * @param uncovered route -> subjects no probe sent it as
 * @param unlisted  requests of the matrix that match no listed route (a stale matrix, or a stale list)
 */
record Coverage(Map<String, String> routes, Map<String, List<String>> uncovered, Set<String> unlisted) {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    /** Whether there was a route list to compare with. */
    boolean known() {
        return !routes.isEmpty();
    }

    int gaps() {
        return uncovered.values().stream().mapToInt(List::size).sum();
    }

    static Coverage of(Profile profile, List<Probe> probes, Set<String> subjects) {
        Map<String, String> routes = new LinkedHashMap<>();
        routeList(profile).forEach(route -> routes.put(key(route), route));
        Map<String, Set<String>> covered = new LinkedHashMap<>();
        Set<String> unlisted = new LinkedHashSet<>();
        for (Probe probe : probes) {
            String key = key(probe.source().request().toString());
            covered.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(probe.subject());
            if (!routes.isEmpty() && !routes.containsKey(key)) {
                unlisted.add(probe.source().request().toString());
            }
        }
        Map<String, List<String>> uncovered = new LinkedHashMap<>();
        routes.forEach((key, route) -> {
            List<String> missing = subjects.stream().filter(subject -> !covered.getOrDefault(key, Set.of()).contains(subject)).toList();
            if (!missing.isEmpty()) {
                uncovered.put(route, missing);
            }
        });
        return new Coverage(routes, uncovered, unlisted);
    }

    /** "coverage: 9 routes × 5 subjects, all covered" or "…, 3 pairs uncovered: …". */
    String summary(int subjects) {
        if (!known()) {
            return "coverage not measured: the profile lists no routes (authz.routes or authz.openapi)";
        }
        String head = "coverage: " + routes.size() + " routes × " + subjects + " subjects";
        if (uncovered.isEmpty()) {
            return head + ", all covered";
        }
        List<String> pairs = new ArrayList<>();
        uncovered.forEach((route, missing) -> pairs.add(route + " × " + String.join(", ", missing)));
        return head + ", " + gaps() + " pair(s) no case covers: " + String.join("; ", pairs);
    }

    String report(int subjects) {
        StringBuilder text = new StringBuilder(summary(subjects)).append('\n');
        if (known()) {
            text.append('\n');
            routes.values().forEach(route -> text.append(uncovered.containsKey(route) ? "  MISSING " : "  covered ")
                    .append(route).append(uncovered.containsKey(route) ? "  (not as " + String.join(", ", uncovered.get(route)) + ")" : "")
                    .append('\n'));
        }
        if (!unlisted.isEmpty()) {
            text.append("\nrequests of the matrix that match no listed route: ").append(String.join(", ", unlisted)).append('\n');
        }
        return text.toString();
    }

    // "DELETE /api/v1/missions/${mission}?x=1" -> "DELETE /api/v1/missions/{}"
    static String key(String route) {
        String trimmed = route.trim();
        int space = trimmed.indexOf(' ');
        String method = space < 0 ? "GET" : trimmed.substring(0, space).toUpperCase(Locale.ROOT);
        String path = space < 0 ? trimmed : trimmed.substring(space + 1).trim();
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        path = path.replaceAll("\\$\\{[^}]*}", "{}").replaceAll("\\{[^}]*}", "{}").replaceAll("/+$", "");
        return method + " " + (path.isEmpty() ? "/" : path);
    }

    private static List<String> routeList(Profile profile) {
        AuthzSpec spec = profile.authz();
        List<String> routes = new ArrayList<>(spec.routes());
        if (spec.openapi() != null) {
            Path file = Path.of(spec.openapi());
            if (!file.isAbsolute() && profile.source() != null && profile.source().getParent() != null) {
                file = profile.source().getParent().resolve(file);
            }
            routes.addAll(openapi(file));
        }
        return routes;
    }

    /** {@code METHOD path} for every operation under {@code paths:} of an OpenAPI (or Swagger) document. */
    static List<String> openapi(Path file) {
        JsonNode document;
        try {
            document = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the OpenAPI document " + file + " (authz.openapi): " + e.getMessage());
        }
        List<String> routes = new ArrayList<>();
        String base = document.path("basePath").asText("");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method.toLowerCase(Locale.ROOT))) {
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + base + path.getKey());
                }
            });
        }
        return routes;
    }
}
