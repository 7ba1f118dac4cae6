package dev.tollgate.reports;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A minimal Chrome DevTools Protocol client over the JDK's WebSocket: sends commands to one page and
 * keeps what the page says on its console (console.error, uncaught exceptions, failed loads).
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> consoleErrors = new CopyOnWriteArrayList<>();

    private DevTools(WebSocket.Builder builder, URI page) {
        this.socket = builder.buildAsync(page, new Listener()).join();
    }

    /** Connects to the first page of the browser whose DevTools answer on {@code port}. */
    static DevTools connect(int port) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode target : targets) {
            if ("page".equals(target.path("type").asText())) {
                return new DevTools(http.newWebSocketBuilder(), URI.create(target.path("webSocketDebuggerUrl").asText()));
            }
        }
        throw new IllegalStateException("no page target among " + targets);
    }

    JsonNode send(String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(command.toString(), true).join();
        JsonNode answer = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.path("result");
    }

    /** Evaluates a JavaScript expression in the page, returning its value. */
    JsonNode evaluate(String expression) {
        return send("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true))
                .path("result").path("value");
    }

    /** Waits until the expression is true in the page, or fails naming it. */
    void await(String expression, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!evaluate(expression).asBoolean(false)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page did not show " + what + " within " + TIMEOUT.toSeconds() + "s ("
                        + expression + ")");
            }
            Thread.sleep(100);
        }
    }

    List<String> consoleErrors() {
        return List.copyOf(consoleErrors);
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            consoleErrors.add("unreadable DevTools message: " + text);
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
            if (reply != null) {
                reply.complete(message);
            }
            return;
        }
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                String type = params.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    consoleErrors.add("console." + type + ": " + params.path("args").toString());
                }
            }
            case "Runtime.exceptionThrown" -> consoleErrors.add("uncaught: " + params.path("exceptionDetails").toString());
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                if (entry.path("level").asText().equals("error")) {
                    consoleErrors.add(entry.path("source").asText() + ": " + entry.path("text").asText() + " "
                            + entry.path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }
    }
}
