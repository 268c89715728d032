package io.modelbridge.core.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking the OpenAI chat-completions wire format, scripted per request: each request
 * takes the next scripted behaviour, or the fallback one when the script is used up. Counts requests.
 */
final class ChatCompletionsServer implements AutoCloseable {

  /** What the server does with one request. */
  interface Behaviour {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  private volatile Behaviour fallback = answer("fallback answer");
  private final AtomicInteger requests = new AtomicInteger();

  ChatCompletionsServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/v1/chat/completions", exchange -> {
      requests.incrementAndGet();
      exchange.getRequestBody().readAllBytes();
      Behaviour b = script.poll();
      (b != null ? b : fallback).handle(exchange);
    });
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  ChatCompletionsServer then(Behaviour b) {
    script.add(b);
    return this;
  }

  ChatCompletionsServer otherwise(Behaviour b) {
    fallback = b;
    return this;
  }

  int requests() {
    return requests.get();
  }

  static Behaviour answer(String content) {
    return status(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"stub-model\","
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content + "\"},"
        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}");
  }

  static Behaviour status(int code, String body) {
    return exchange -> send(exchange, code, body, null);
  }

  static Behaviour rateLimited(int retryAfterSeconds) {
    return exchange -> send(exchange, 429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}",
        String.valueOf(retryAfterSeconds));
  }

  static Behaviour slow(long millis, String content) {
    Behaviour then = answer(content);
    return exchange -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.handle(exchange);
    };
  }

  /** Closes the connection without a status line: the client sees the connection end abruptly. */
  static Behaviour reset() {
    return HttpExchange::close;
  }

  private static void send(HttpExchange exchange, int code, String body, String retryAfter) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    if (retryAfter != null) {
      exchange.getResponseHeaders().set("Retry-After", retryAfter);
    }
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
