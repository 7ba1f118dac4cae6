package dev.tollgate.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a generated report over HTTP on a free loopback port: the report loads its data with
 * XHRs, which browsers refuse on {@code file://}.
 */
final class ReportServer implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js",
            "application/javascript", "css", "text/css", "json", "application/json", "svg", "image/svg+xml", "png",
            "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8", "log", "text/plain; charset=utf-8");

    private final HttpServer server;
    private final Path root;

    private ReportServer(HttpServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    static ReportServer serve(Path root) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ReportServer served = new ReportServer(server, root.toAbsolutePath().normalize());
        server.createContext("/", served::handle);
        server.start();
        return served;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            Path file = root.resolve(path.equals("/") ? "index.html" : path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String name = file.getFileName().toString();
            String extension = name.substring(name.lastIndexOf('.') + 1);
            exchange.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(extension, "application/octet-stream"));
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
