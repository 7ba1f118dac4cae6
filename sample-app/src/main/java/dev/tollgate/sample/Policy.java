package dev.tollgate.sample;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Who may do what, by role; the one place an authorization rule lives. */
final class Policy {

    static final String MISSIONS = "missions";
    static final String AUDIT = "audit";

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);
    private static final Set<Role> WRITERS = EnumSet.of(Role.ADMIN, Role.OWNER, Role.CONTRIBUTOR);

    // resource -> action -> roles allowed
    private final Map<String, Map<String, Set<Role>>> rules = new LinkedHashMap<>();

    Policy(Release release) {
        Set<Role> deleters = EnumSet.of(Role.ADMIN, Role.OWNER);
        if (release.has(Trait.VIEWER_MAY_DELETE)) {
            deleters.add(Role.VIEWER);
        }
        Map<String, Set<Role>> missions = new LinkedHashMap<>();
        missions.put("list", EVERYONE);
        missions.put("read", EVERYONE);
        missions.put("create", WRITERS);
        missions.put("update", WRITERS);
        missions.put("delete", deleters);
        rules.put(MISSIONS, missions);
        rules.put(AUDIT, Map.of("read", EnumSet.of(Role.ADMIN)));
    }

    boolean knows(String action, String resource) {
        return rules.containsKey(resource) && rules.get(resource).containsKey(action);
    }

    /** Explains what is known, for a 400 on an unknown pair. */
    String vocabulary() {
        StringBuilder text = new StringBuilder();
        rules.forEach((resource, actions) -> text.append(text.length() == 0 ? "" : "; ")
                .append(resource).append(": ").append(String.join(", ", actions.keySet())));
        return text.toString();
    }

    Decision decide(Role role, String action, String resource) {
        if (!knows(action, resource)) {
            return new Decision(false, "no rule for " + action + " on " + resource);
        }
        boolean allowed = rules.get(resource).get(action).contains(role);
        return new Decision(allowed, "role " + role.label() + (allowed ? " may " : " may not ") + action + " " + resource);
    }
}
