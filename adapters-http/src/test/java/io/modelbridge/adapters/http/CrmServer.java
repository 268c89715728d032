package io.modelbridge.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small in-memory REST CRM on 127.0.0.1 for the adapter's tests: customers with ETags, cursor and page
 * paging, bearer-token auth, RFC 9457 problem bodies, and scripted faults. Counts every request by path.
 */
final class CrmServer implements AutoCloseable {

  static final String TOKEN = "s3cret-token-value";

  private final ObjectMapper json = new ObjectMapper();
  private final HttpServer server;
  private final Map<String, ObjectNode> customers = new ConcurrentSkipListMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, Deque<Scripted>> script = new ConcurrentHashMap<>();
  private final List<String> authHeaders = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger sequence = new AtomicInteger(1000);

  private record Scripted(int status, Map<String, String> headers, String body, long delayMillis) {}

  CrmServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    // Several handler threads, so that a deliberately slow answer does not hold up the others.
    server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "crm-server");
      t.setDaemon(true);
      return t;
    }));
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
  }

  /** Adds customer {@code id} at version 1. */
  void addCustomer(String id, String name, String city, String credit) {
    ObjectNode c = json.createObjectNode();
    c.put("id", id).put("name", name).put("email", id.toLowerCase() + "@example.com");
    c.putObject("address").put("city", city);
    c.put("credit", new java.math.BigDecimal(credit)).put("since", "2020-01-15").put("active", true).put("version", 1);
    customers.put(id, c);
  }

  /** Replaces every customer with {@code n} fresh ones at version 1 (C001...), every other one in Lyon. */
  void seed(int n) {
    customers.clear();
    for (int i = 1; i <= n; i++) {
      addCustomer(String.format("C%03d", i), "Customer " + i, i % 2 == 0 ? "Lyon" : "Genève", i + ".50");
    }
  }

  /** A digest of every customer: equal exactly when nothing changed. */
  String snapshot() {
    return customers.toString();
  }

  ObjectNode customer(String id) {
    return customers.get(id);
  }

  int customerCount() {
    return customers.size();
  }

  /** The next requests to {@code path} get these answers, in order, before normal handling resumes. */
  void enqueue(String path, int status, Map<String, String> headers, String body) {
    enqueueSlow(path, status, headers, body, 0);
  }

  /** Like {@link #enqueue}, but the answer comes only after {@code delayMillis}. */
  void enqueueSlow(String path, int status, Map<String, String> headers, String body, long delayMillis) {
    script.computeIfAbsent(path, p -> new java.util.concurrent.ConcurrentLinkedDeque<>())
        .add(new Scripted(status, headers, body, delayMillis));
  }

  /** How many requests reached {@code method path} (path without query). */
  int hits(String method, String path) {
    AtomicInteger n = hits.get(method + " " + path);
    return n == null ? 0 : n.get();
  }

  List<String> authHeaders() {
    return authHeaders;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      String fullPath = ex.getRequestURI().getPath();
      hits.computeIfAbsent(method + " " + fullPath, k -> new AtomicInteger()).incrementAndGet();
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      authHeaders.add(String.valueOf(auth));
      Deque<Scripted> queued = script.get(fullPath);
      Scripted next = queued == null ? null : queued.poll();
      if (next != null) {
        if (next.delayMillis() > 0) {
          try {
            Thread.sleep(next.delayMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        next.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        send(ex, next.status(), next.body());
        return;
      }
      if (!("Bearer " + TOKEN).equals(auth)) {
        problem(ex, 401, "Unauthorized", null);
        return;
      }
      String path = fullPath.startsWith("/api") ? fullPath.substring(4) : fullPath;
      Map<String, String> query = query(ex.getRequestURI().getRawQuery());
      if (path.equals("/customers") && method.equals("GET")) {
        listByCursor(ex, query);
      } else if (path.equals("/customers-paged") && method.equals("GET")) {
        listByPage(ex, query);
      } else if (path.equals("/customers") && method.equals("POST")) {
        create(ex);
      } else if (path.startsWith("/customers/")) {
        String id = URLDecoder.decode(path.substring("/customers/".length()), StandardCharsets.UTF_8);
        switch (method) {
          case "GET" -> get(ex, id);
          case "PUT" -> update(ex, id);
          case "DELETE" -> delete(ex, id);
          default -> problem(ex, 405, "Method Not Allowed", null);
        }
      } else {
        problem(ex, 404, "Not Found", null);
      }
    }
  }

  private void listByCursor(HttpExchange ex, Map<String, String> query) throws IOException {
    int limit = Integer.parseInt(query.getOrDefault("limit", "10"));
    int offset = query.containsKey("cursor") ? Integer.parseInt(query.get("cursor").substring(1)) : 0;
    List<ObjectNode> matching = customers.values().stream()
        .filter(c -> !query.containsKey("city") || c.at("/address/city").asText().equals(query.get("city")))
        .toList();
    ObjectNode out = json.createObjectNode();
    ArrayNode data = out.putArray("data");
    matching.stream().skip(offset).limit(limit).forEach(data::add);
    if (offset + limit < matching.size()) {
      out.put("next", "c" + (offset + limit));
    } else {
      out.putNull("next");
    }
    send(ex, 200, json.writeValueAsString(out));
  }

  private void listByPage(HttpExchange ex, Map<String, String> query) throws IOException {
    int size = Integer.parseInt(query.getOrDefault("size", "4"));
    int page = Integer.parseInt(query.getOrDefault("page", "1"));
    ObjectNode out = json.createObjectNode();
    ArrayNode items = out.putArray("items");
    customers.values().stream().skip((long) (page - 1) * size).limit(size).forEach(items::add);
    out.put("page", page);
    send(ex, 200, json.writeValueAsString(out));
  }

  private void get(HttpExchange ex, String id) throws IOException {
    ObjectNode c = customers.get(id);
    if (c == null) {
      problem(ex, 404, "Not Found", null);
      return;
    }
    ex.getResponseHeaders().add("ETag", etag(c));
    send(ex, 200, json.writeValueAsString(c));
  }

  private void create(HttpExchange ex) throws IOException {
    JsonNode body = json.readTree(ex.getRequestBody());
    if (!body.path("name").isTextual() || body.path("name").asText().isBlank()) {
      problem(ex, 422, "Validation failed", "name");
      return;
    }
    String id = body.hasNonNull("id") ? body.get("id").asText() : "C" + sequence.incrementAndGet();
    if (customers.containsKey(id)) {
      problem(ex, 409, "Conflict", "id");
      return;
    }
    ObjectNode c = ((ObjectNode) body).deepCopy();
    c.put("id", id).put("version", 1);
    customers.put(id, c);
    ex.getResponseHeaders().add("ETag", etag(c));
    send(ex, 201, json.writeValueAsString(c));
  }

  private void update(HttpExchange ex, String id) throws IOException {
    ObjectNode c = customers.get(id);
    if (c == null) {
      problem(ex, 404, "Not Found", null);
      return;
    }
    String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
    if (ifMatch == null) {
      problem(ex, 428, "Precondition Required", null);
      return;
    }
    if (!ifMatch.equals(etag(c))) {
      ex.getResponseHeaders().add("ETag", etag(c));
      problem(ex, 412, "Precondition Failed", null);
      return;
    }
    JsonNode body = json.readTree(ex.getRequestBody());
    if (body.has("name") && body.get("name").asText().isBlank()) {
      problem(ex, 422, "Validation failed", "name");
      return;
    }
    ObjectNode updated = c.deepCopy();
    body.fields().forEachRemaining(e -> {
      if (e.getValue().isObject() && updated.get(e.getKey()) instanceof ObjectNode inner) {
        inner.setAll((ObjectNode) e.getValue());
      } else {
        updated.set(e.getKey(), e.getValue());
      }
    });
    updated.put("id", id).put("version", c.get("version").asInt() + 1);
    customers.put(id, updated);
    ex.getResponseHeaders().add("ETag", etag(updated));
    send(ex, 200, json.writeValueAsString(updated));
  }

  private void delete(HttpExchange ex, String id) throws IOException {
    ObjectNode c = customers.get(id);
    if (c == null) {
      problem(ex, 404, "Not Found", null);
      return;
    }
    String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
    if (ifMatch != null && !ifMatch.equals(etag(c))) {
      ex.getResponseHeaders().add("ETag", etag(c));
      problem(ex, 412, "Precondition Failed", null);
      return;
    }
    customers.remove(id);
    ex.sendResponseHeaders(204, -1);
  }

  private static String etag(ObjectNode c) {
    return "\"" + c.get("version").asInt() + "\"";
  }

  private void problem(HttpExchange ex, int status, String title, String field) throws IOException {
    ObjectNode p = json.createObjectNode().put("type", "about:blank").put("title", title).put("status", status);
    if (field != null) {
      p.putArray("errors").addObject().put("field", field).put("message", "is not acceptable");
    }
    ex.getResponseHeaders().add("Content-Type", "application/problem+json");
    send(ex, status, json.writeValueAsString(p));
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!ex.getResponseHeaders().containsKey("Content-Type")) {
      ex.getResponseHeaders().add("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
