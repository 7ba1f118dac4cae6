package dev.tollgate.check;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import io.restassured.RestAssured;
import io.restassured.response.Response;

/** One HTTP request and its answer, kept as evidence with credentials masked. */
record HttpExchange(String method, URI uri, int status, String headers, String body) {

    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "set-cookie", "proxy-authorization");

    static HttpExchange get(URI uri) {
        Response response = RestAssured.given().urlEncodingEnabled(false).get(uri);
        String headers = response.getHeaders().asList().stream()
                .map(header -> header.getName() + ": " + mask(header.getName(), header.getValue()))
                .collect(Collectors.joining("\n"));
        return new HttpExchange("GET", uri, response.statusCode(), headers, response.asString());
    }

    boolean is2xx() {
        return status / 100 == 2;
    }

    /** Status and body on one line, short enough for a failure message. */
    String summary() {
        String flat = body.replaceAll("\\s+", " ").trim();
        return status + (flat.isEmpty() ? "" : " " + (flat.length() > 200 ? flat.substring(0, 200) + "…" : flat));
    }

    Evidence evidence() {
        return Evidence.text(method + " " + uri.getPath(), method + " " + uri + "\n\n" + status + "\n" + headers + "\n\n" + body);
    }

    private static String mask(String name, String value) {
        return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)) ? "****" : value;
    }
}
