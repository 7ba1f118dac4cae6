package dev.tollgate.sample;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches by method and path pattern, and turns every outcome into a JSON answer: refusals as
 * their status, SQL failures as a 500 with the SQL error logged, so a harness sees both sides.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    @FunctionalInterface
    interface Handler {
        void handle(Exchange exchange, Matcher path) throws Exception;
    }

    private record Route(String method, Pattern pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();
    private final Metrics metrics;
    private final String requestIdHeader;

    Router(Metrics metrics) {
        this(metrics, Exchange.REQUEST_ID);
    }

    Router(Metrics metrics, String requestIdHeader) {
        this.metrics = metrics;
        this.requestIdHeader = requestIdHeader;
    }

    Router add(String method, String pathRegex, Handler handler) {
        routes.add(new Route(method, Pattern.compile(pathRegex), handler));
        return this;
    }

    @Override
    public void handle(HttpExchange raw) {
        long started = System.nanoTime();
        Exchange exchange = new Exchange(raw, requestIdHeader);
        String route = "unmatched";
        try {
            route = route(exchange);
            dispatch(exchange);
        } catch (ApiException e) {
            answer(exchange, e.status(), e.getMessage(), e.headers());
        } catch (SQLException e) {
            LOG.error("{} {} failed requestId={}: SQL error {}: {}", exchange.method(), exchange.path(),
                    exchange.requestId(), e.getSQLState(), Database.oneLine(e.getMessage()));
            answer(exchange, 500, "database error (SQLSTATE " + e.getSQLState() + "); see the service log", Map.of());
        } catch (Exception e) {
            LOG.error("{} {} failed requestId={}", exchange.method(), exchange.path(), exchange.requestId(), e);
            answer(exchange, 500, "internal error; see the service log", Map.of());
        } finally {
            exchange.close();
            metrics.record(exchange.method(), route, exchange.status(), System.nanoTime() - started);
            LOG.info("{} {} {} {}ms requestId={}", exchange.method(), exchange.path(), exchange.status(),
                    (System.nanoTime() - started) / 1_000_000, exchange.requestId());
        }
    }

    /**
     * The route's path pattern as a metric label, ids as {@code {id}}: one series per route, not per
     * mission, so the number of series stays bounded.
     */
    private String route(Exchange exchange) {
        for (Route route : routes) {
            if (route.pattern().matcher(exchange.path()).matches()) {
                return route.pattern().pattern().replaceAll("\\([^)]*\\)", "{id}");
            }
        }
        return "unmatched";
    }

    private void dispatch(Exchange exchange) throws Exception {
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Matcher matcher = route.pattern().matcher(exchange.path());
            if (!matcher.matches()) {
                continue;
            }
            if (route.method().equals(exchange.method())) {
                route.handler().handle(exchange, matcher);
                return;
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no such resource: " + exchange.path());
        }
        throw new ApiException(405, "method " + exchange.method() + " not allowed here; use " + String.join(", ", allowed),
                Map.of("Allow", String.join(", ", allowed)));
    }

    private static void answer(Exchange exchange, int status, String message, Map<String, String> headers) {
        if (exchange.status() != 0) {
            return; // the response was already under way; nothing more can be said on it
        }
        try {
            exchange.error(status, message, headers);
        } catch (Exception e) {
            LOG.warn("Could not send {} requestId={}: {}", status, exchange.requestId(), e.toString());
        }
    }
}
