package dev.veil.proxy.demo;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for an OpenAI-compatible server, on loopback, for {@code veil demo} and tests. It
 * speaks the real wire format (JSON bodies, server-sent events for {@code stream: true}) and
 * records every request it receives, so a test can assert what an upstream actually got, or that
 * it got nothing. It is not a model: its answers say which stand-in produced them.
 *
 * <p>To make round trips observable, a last user message that starts with {@code echo:} is answered
 * with the rest of that message; a request that offers {@code tools} and ends with a user message is
 * answered with a call of the first tool whose {@code text} argument echoes that message; a request
 * that ends with a {@code tool} message is answered with the tool's result. Streams split echoed
 * text into pieces of a few characters, so a value can be cut across two chunks.
 *
 * <p>Thread-safe.
 */
public final class StubUpstream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the stub received it. Header names are lower case. */
    public record Received(String method, String path, Map<String, String> headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("the stub received a body that is not JSON", e);
            }
        }
    }

    /** How the stub answers the next request, when one is enqueued. */
    public sealed interface Behavior {
        /** Answer with this status and JSON body. */
        record Status(int status, String json, Map<String, String> headers) implements Behavior {
        }

        /** Accept the request, then say nothing for this long (to provoke timeouts). */
        record Hang(Duration duration) implements Behavior {
        }

        /** Send these SSE data payloads, waiting {@code gap} between them. */
        record Events(List<String> data, Duration gap) implements Behavior {
        }

        /**
         * Send every SSE data payload but the last, then wait until {@code gate} completes (at most
         * ten seconds) before sending the last: proves that what came before was not held back.
         */
        record GatedEvents(List<String> data, java.util.concurrent.CompletableFuture<?> gate) implements Behavior {
        }
    }

    private final String label;
    private final HttpServer server;
    private final ExecutorService executor;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Behavior> script = new ConcurrentLinkedQueue<>();
    private volatile Duration streamGap = Duration.ofMillis(5);
    private volatile int streamChunks = 8;

    private StubUpstream(String label, HttpServer server, ExecutorService executor) {
        this.label = label;
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts a stub on a free loopback port.
     *
     * @param label what the stub stands in for, e.g. "stand-in for OpenAI"; it appears in answers
     */
    public static StubUpstream start(String label) throws IOException {
        requireNonNull(label, "label");
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stub-upstream");
            t.setDaemon(true);
            return t;
        });
        StubUpstream stub = new StubUpstream(label, server, executor);
        server.createContext("/", stub::handle);
        server.setExecutor(executor);
        server.start();
        return stub;
    }

    /** Base URL including {@code /v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Makes the next request get {@code behavior} instead of the default answer. */
    public void enqueue(Behavior behavior) {
        script.add(requireNonNull(behavior, "behavior"));
    }

    /** Sets how default streams are paced: {@code chunks} content events, {@code gap} apart. */
    public void streamPacing(int chunks, Duration gap) {
        this.streamChunks = chunks;
        this.streamGap = gap;
    }

    /** Takes the oldest received request, waiting up to {@code timeout}; null if none came. */
    public Received takeRequest(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every request received and not yet taken, without waiting. */
    public List<Received> drain() {
        List<Received> out = new ArrayList<>();
        received.drainTo(out);
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] bytes = ex.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
            String path = ex.getRequestURI().getPath();
            String body = new String(bytes, StandardCharsets.UTF_8);
            received.add(new Received(ex.getRequestMethod(), path, headers, body));
            Behavior next = script.poll();
            if (next instanceof Behavior.Status s) {
                s.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
                sendJson(ex, s.status(), s.json().getBytes(StandardCharsets.UTF_8));
            } else if (next instanceof Behavior.Hang h) {
                sleep(h.duration());
            } else if (next instanceof Behavior.Events e) {
                sendEvents(ex, e.data(), e.gap());
            } else if (next instanceof Behavior.GatedEvents g) {
                sendGatedEvents(ex, g);
            } else {
                answer(ex, path, body);
            }
        } catch (IOException e) {
            // The client (Veil) went away; nothing to answer.
        }
    }

    private void answer(HttpExchange ex, String path, String body) throws IOException {
        if (path.endsWith("/models")) {
            ObjectNode list = JSON.createObjectNode().put("object", "list");
            list.putArray("data").addObject().put("id", "stub-model").put("object", "model")
                    .put("created", 1_700_000_000L).put("owned_by", label);
            sendJson(ex, 200, JSON.writeValueAsBytes(list));
            return;
        }
        JsonNode req;
        try {
            req = JSON.readTree(body);
        } catch (IOException e) {
            sendJson(ex, 400, "{\"error\":{\"message\":\"stub: body is not JSON\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        String model = req.path("model").asText("unknown");
        String text = replyText(req);
        boolean stream = req.path("stream").asBoolean(false);
        if (path.endsWith("/chat/completions")) {
            boolean toolCall = req.path("tools").isArray() && !req.path("tools").isEmpty()
                    && "user".equals(lastMessage(req).path("role").asText());
            if (toolCall) {
                String tool = req.path("tools").get(0).path("function").path("name").asText("tool");
                String args = JSON.writeValueAsString(JSON.createObjectNode().put("text", lastUserText(req)));
                if (stream) {
                    sendEvents(ex, toolCallChunks(model, tool, args), streamGap);
                } else {
                    sendJson(ex, 200, JSON.writeValueAsBytes(toolCallCompletion(model, tool, args)));
                }
            } else if (stream) {
                sendEvents(ex, chatChunks(model, text, isEcho(req)), streamGap);
            } else {
                sendJson(ex, 200, JSON.writeValueAsBytes(chatCompletion(model, text)));
            }
        } else if (path.endsWith("/responses") && stream) {
            sendEvents(ex, responseEvents(model, text), streamGap);
        } else if (path.endsWith("/completions")) {
            ObjectNode r = JSON.createObjectNode().put("id", "cmpl-stub").put("object", "text_completion")
                    .put("created", 1_700_000_000L).put("model", model);
            r.putArray("choices").addObject().put("index", 0).put("text", text).put("finish_reason", "stop");
            sendJson(ex, 200, JSON.writeValueAsBytes(r));
        } else if (path.endsWith("/embeddings")) {
            ObjectNode r = JSON.createObjectNode().put("object", "list").put("model", model);
            ArrayNode vec = r.putArray("data").addObject().put("object", "embedding").put("index", 0)
                    .putArray("embedding");
            vec.add(0.1).add(0.2).add(0.3);
            r.putObject("usage").put("prompt_tokens", 3).put("total_tokens", 3);
            sendJson(ex, 200, JSON.writeValueAsBytes(r));
        } else if (path.endsWith("/responses")) {
            ObjectNode r = JSON.createObjectNode().put("id", "resp_stub").put("object", "response")
                    .put("created_at", 1_700_000_000L).put("status", "completed").put("model", model);
            ObjectNode msg = r.putArray("output").addObject().put("type", "message").put("id", "msg_stub")
                    .put("status", "completed").put("role", "assistant");
            msg.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
            sendJson(ex, 200, JSON.writeValueAsBytes(r));
        } else {
            sendJson(ex, 404, "{\"error\":{\"message\":\"stub: unknown path\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}"
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private String replyText(JsonNode req) {
        if (isEcho(req)) {
            return lastUserText(req).substring("echo:".length()).strip();
        }
        JsonNode last = lastMessage(req);
        if ("tool".equals(last.path("role").asText())) {
            return "Tool said: " + last.path("content").asText();
        }
        return "Hello from the " + label + ".";
    }

    private static boolean isEcho(JsonNode req) {
        return lastUserText(req).startsWith("echo:");
    }

    private static JsonNode lastMessage(JsonNode req) {
        JsonNode items = req.has("messages") ? req.path("messages") : req.path("input");
        return items.isArray() && !items.isEmpty() ? items.get(items.size() - 1) : JSON.createObjectNode();
    }

    /** The last user text: a chat message, a Responses input item or input string, or a prompt. */
    private static String lastUserText(JsonNode req) {
        if (req.path("input").isTextual()) {
            return req.path("input").asText();
        }
        if (req.path("prompt").isTextual()) {
            return req.path("prompt").asText();
        }
        JsonNode content = lastMessage(req).path("content");
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder b = new StringBuilder();
        for (JsonNode part : content) {
            b.append(part.path("text").asText(""));
        }
        return b.toString();
    }

    private ObjectNode toolCallCompletion(String model, String tool, String args) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = r.putArray("choices").addObject().put("index", 0).put("finish_reason", "tool_calls");
        ObjectNode msg = choice.putObject("message").put("role", "assistant");
        msg.putNull("content");
        ObjectNode call = msg.putArray("tool_calls").addObject().put("id", "call_stub").put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", args);
        choice.putNull("logprobs");
        r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 8).put("total_tokens", 18);
        return r;
    }

    private List<String> toolCallChunks(String model, String tool, String args) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectNode first = chunk(model, "assistant", null, null);
        ObjectNode call = ((ObjectNode) first.at("/choices/0/delta")).putArray("tool_calls").addObject()
                .put("index", 0).put("id", "call_stub").put("type", "function");
        call.putObject("function").put("name", tool).put("arguments", "");
        out.add(JSON.writeValueAsString(first));
        for (String piece : pieces(args, 4)) {
            ObjectNode c = chunk(model, null, null, null);
            ((ObjectNode) c.at("/choices/0/delta")).putArray("tool_calls").addObject().put("index", 0)
                    .putObject("function").put("arguments", piece);
            out.add(JSON.writeValueAsString(c));
        }
        out.add(JSON.writeValueAsString(chunk(model, null, null, "tool_calls")));
        out.add("[DONE]");
        return out;
    }

    private List<String> responseEvents(String model, String text) throws IOException {
        List<String> out = new ArrayList<>();
        ObjectNode created = JSON.createObjectNode().put("type", "response.created");
        created.putObject("response").put("id", "resp_stub").put("object", "response").put("created_at", 1_700_000_000L)
                .put("status", "in_progress").put("model", model).putArray("output");
        out.add(JSON.writeValueAsString(created));
        for (String piece : pieces(text, 4)) {
            out.add(JSON.writeValueAsString(JSON.createObjectNode().put("type", "response.output_text.delta")
                    .put("item_id", "msg_stub").put("output_index", 0).put("content_index", 0).put("delta", piece)));
        }
        out.add(JSON.writeValueAsString(JSON.createObjectNode().put("type", "response.output_text.done")
                .put("item_id", "msg_stub").put("output_index", 0).put("content_index", 0).put("text", text)));
        ObjectNode completed = JSON.createObjectNode().put("type", "response.completed");
        ObjectNode resp = completed.putObject("response").put("id", "resp_stub").put("object", "response")
                .put("created_at", 1_700_000_000L).put("status", "completed").put("model", model);
        ObjectNode msg = resp.putArray("output").addObject().put("type", "message").put("id", "msg_stub")
                .put("status", "completed").put("role", "assistant");
        msg.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        out.add(JSON.writeValueAsString(completed));
        return out;
    }

    private static List<String> pieces(String text, int size) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < text.length(); i += size) {
            out.add(text.substring(i, Math.min(text.length(), i + size)));
        }
        return out;
    }

    private ObjectNode chatCompletion(String model, String text) {
        ObjectNode r = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = r.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.putNull("logprobs");
        r.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", 8).put("total_tokens", 18);
        return r;
    }

    private List<String> chatChunks(String model, String text, boolean echo) throws IOException {
        List<String> out = new ArrayList<>();
        if (echo) {
            boolean firstPiece = true;
            for (String piece : pieces(text, 3)) {
                out.add(JSON.writeValueAsString(chunk(model, firstPiece ? "assistant" : null, piece, null)));
                firstPiece = false;
            }
            out.add(JSON.writeValueAsString(chunk(model, null, null, "stop")));
            out.add("[DONE]");
            return out;
        }
        String[] words = text.split(" ");
        int n = Math.max(streamChunks, 1);
        for (int i = 0; i < n; i++) {
            String piece = i < words.length ? (i == 0 ? "" : " ") + words[i] : " .";
            out.add(JSON.writeValueAsString(chunk(model, i == 0 ? "assistant" : null, piece, null)));
        }
        out.add(JSON.writeValueAsString(chunk(model, null, null, "stop")));
        out.add("[DONE]");
        return out;
    }

    private ObjectNode chunk(String model, String role, String content, String finish) {
        ObjectNode c = JSON.createObjectNode().put("id", "chatcmpl-stub").put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L).put("model", model);
        ObjectNode choice = c.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (role != null) {
            delta.put("role", role);
        }
        if (content != null) {
            delta.put("content", content);
        }
        if (finish != null) {
            choice.put("finish_reason", finish);
        } else {
            choice.putNull("finish_reason");
        }
        return c;
    }

    private static void sendJson(HttpExchange ex, int status, byte[] body) throws IOException {
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    private static void sendEvents(HttpExchange ex, List<String> data, Duration gap) throws IOException {
        sendEvents(ex, data, gap, true);
    }

    private static void sendEvents(HttpExchange ex, List<String> data, Duration gap, boolean start)
            throws IOException {
        if (start) {
            ex.getResponseHeaders().set("Content-Type", "text/event-stream");
            ex.sendResponseHeaders(200, 0);
        }
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < data.size(); i++) {
            if (i > 0) {
                sleep(gap);
            }
            out.write(("data: " + data.get(i) + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static void sendGatedEvents(HttpExchange ex, Behavior.GatedEvents g) throws IOException {
        List<String> data = g.data();
        sendEvents(ex, data.subList(0, data.size() - 1), Duration.ZERO, true);
        try {
            g.gate().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Send the last event anyway; the test that opened the gate reports its own failure.
        }
        sendEvents(ex, data.subList(data.size() - 1, data.size()), Duration.ZERO, false);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
