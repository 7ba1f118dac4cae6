package dev.tollgate.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.regex.Matcher;

/** /api/v1/missions: list, create, read, update, delete. */
final class MissionRoutes {

    static final String COLLECTION = "/api/v1/missions";
    static final String ITEM = COLLECTION + "/([^/]+)";

    private final Guard guard;
    private final MissionStore store;
    private final MissionJson json;

    MissionRoutes(Guard guard, MissionStore store, MissionJson json) {
        this.guard = guard;
        this.store = store;
        this.json = json;
    }

    void register(Router router) {
        router.add("GET", COLLECTION, this::list)
                .add("POST", COLLECTION, this::create)
                .add("GET", ITEM, this::read)
                .add("PUT", ITEM, this::update)
                .add("DELETE", ITEM, this::delete);
    }

    private void list(Exchange exchange, Matcher path) throws Exception {
        guard.authorize(exchange, Policy.MISSIONS, "list", "missions");
        ArrayNode missions = Json.MAPPER.createArrayNode();
        store.list().forEach(mission -> missions.add(json.write(mission)));
        exchange.json(200, missions);
    }

    private void create(Exchange exchange, Matcher path) throws Exception {
        guard.mutate(exchange, Policy.MISSIONS, "create", "missions", subject -> {
            MissionInput input = json.read(exchange.jsonBody(), true);
            Mission created = store.create(subject.name(), input);
            exchange.header("Location", COLLECTION + "/" + created.id());
            exchange.json(201, json.write(created));
            return "missions/" + created.id();
        });
    }

    private void read(Exchange exchange, Matcher path) throws Exception {
        guard.authorize(exchange, Policy.MISSIONS, "read", "missions/" + path.group(1));
        long id = missionId(path.group(1));
        Mission mission = store.find(id).orElseThrow(() -> missing(id));
        exchange.json(200, json.write(mission));
    }

    private void update(Exchange exchange, Matcher path) throws Exception {
        String target = "missions/" + path.group(1);
        guard.mutate(exchange, Policy.MISSIONS, "update", target, subject -> {
            long id = missionId(path.group(1));
            MissionInput input = json.read(exchange.jsonBody(), false);
            Mission updated = store.update(id, input).orElseThrow(() -> missing(id));
            exchange.json(200, json.write(updated));
            return target;
        });
    }

    private void delete(Exchange exchange, Matcher path) throws Exception {
        String target = "missions/" + path.group(1);
        guard.mutate(exchange, Policy.MISSIONS, "delete", target, subject -> {
            long id = missionId(path.group(1));
            if (!store.delete(id)) {
                throw missing(id);
            }
            exchange.empty(204);
            return target;
        });
    }

    static long missionId(String text) throws ApiException {
        try {
            long id = Long.parseLong(text);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ApiException.badRequest("mission id must be a positive integer, got '" + text + "'");
    }

    static ApiException missing(long id) {
        return ApiException.notFound("no mission " + id);
    }
}
