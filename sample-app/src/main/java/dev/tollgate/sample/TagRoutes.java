package dev.tollgate.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** /api/v1/missions/{id}/tags (1.1.0 and later): read and replace a mission's tags. */
final class TagRoutes {

    private static final String TAGS = MissionRoutes.ITEM + "/tags";
    private static final int MAX_TAGS = 20;
    private static final int MAX_TAG_LENGTH = 50;

    private final Guard guard;
    private final MissionStore missions;
    private final TagStore tags;

    TagRoutes(Guard guard, MissionStore missions, TagStore tags) {
        this.guard = guard;
        this.missions = missions;
        this.tags = tags;
    }

    void register(Router router) {
        router.add("GET", TAGS, this::read).add("PUT", TAGS, this::replace);
    }

    private void read(Exchange exchange, Matcher path) throws Exception {
        guard.authorize(exchange, Policy.MISSIONS, "read", "missions/" + path.group(1) + "/tags");
        long id = existing(path.group(1));
        exchange.json(200, body(id, tags.tags(id)));
    }

    private void replace(Exchange exchange, Matcher path) throws Exception {
        String target = "missions/" + path.group(1) + "/tags";
        guard.mutate(exchange, Policy.MISSIONS, "update", target, subject -> {
            long id = existing(path.group(1));
            List<String> wanted = parse(exchange.jsonBody());
            tags.replace(id, wanted);
            exchange.json(200, body(id, tags.tags(id)));
            return target;
        });
    }

    private long existing(String idText) throws Exception {
        long id = MissionRoutes.missionId(idText);
        if (missions.find(id).isEmpty()) {
            throw MissionRoutes.missing(id);
        }
        return id;
    }

    private static List<String> parse(JsonNode body) throws ApiException {
        JsonNode list = body == null ? null : body.get("tags");
        if (list == null || !list.isArray()) {
            throw ApiException.badRequest("expected {\"tags\": [\"...\"]}");
        }
        if (list.size() > MAX_TAGS) {
            throw ApiException.badRequest("at most " + MAX_TAGS + " tags");
        }
        TreeSet<String> distinct = new TreeSet<>();
        for (JsonNode tag : list) {
            if (!tag.isTextual() || tag.textValue().isBlank() || tag.textValue().trim().length() > MAX_TAG_LENGTH) {
                throw ApiException.badRequest("each tag must be a non-blank string of at most "
                        + MAX_TAG_LENGTH + " characters");
            }
            distinct.add(tag.textValue().trim());
        }
        return new ArrayList<>(distinct);
    }

    private static ObjectNode body(long id, List<String> tags) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("missionId", id);
        tags.forEach(node.putArray("tags")::add);
        return node;
    }
}
