package dev.tollgate.check.authz;

import java.util.Map;
import java.util.Optional;

import dev.tollgate.check.Evidence;
import dev.tollgate.check.authz.Matrix.Resource;
import dev.tollgate.check.http.DotPath;
import dev.tollgate.check.http.HttpExchange;

/**
 * Creates the resources cases act on, through the API as the resource's subject, and reads them
 * back: a denied request must leave what it aimed at exactly as it was.
 */
final class Fixtures {

    /** A resource as read back: its status and its JSON, and the exchange that read it (masked). */
    record State(int status, String body, Evidence evidence) {

        boolean sameAs(State other) {
            return status == other.status && JsonText.tree(body).equals(JsonText.tree(other.body));
        }

        String describe() {
            return status + (body == null || body.isBlank() ? "" : " " + (body.length() > 160 ? body.substring(0, 160) + "…" : body));
        }
    }

    private final Matrix matrix;
    private final Sender sender;

    Fixtures(Matrix matrix, Sender sender) {
        this.matrix = matrix;
        this.sender = sender;
    }

    /**
     * A new instance of the resource; its id.
     *
     * @throws IllegalStateException naming the resource, the request and what came back
     */
    String create(String name) {
        Resource resource = resource(name);
        HttpExchange exchange = sender.send(resource.as(), resource.create().method(), resource.create().path(),
                resource.body(), Map.of(), Sender.requestId());
        Optional<String> id = exchange.is2xx() ? DotPath.text(exchange.body(), resource.idPath()) : Optional.empty();
        if (id.isEmpty()) {
            throw new IllegalStateException(resource.position() + ": could not create resource '" + name + "' as "
                    + resource.as() + ": " + exchange.describe() + " answered " + exchange.summary()
                    + (exchange.is2xx() ? "; no id at JSON path '" + resource.idPath() + "' (set id:)" : ""));
        }
        return id.get();
    }

    /** The resource as its creator reads it now. */
    State read(String name, Map<String, String> ids) {
        Resource resource = resource(name);
        HttpExchange exchange = sender.send(resource.as(), "GET", resource.readPath(), null, ids, Sender.requestId());
        return new State(exchange.status(), exchange.body(), exchange.evidence());
    }

    String readPath(String name, Map<String, String> ids) {
        return sender.path(resource(name).readPath(), ids);
    }

    private Resource resource(String name) {
        Resource resource = matrix.resources().get(name);
        if (resource == null) {
            throw new IllegalArgumentException("no resource '" + name + "' in " + matrix.file());
        }
        return resource;
    }
}
