package io.modelbridge.core.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server speaking the OpenAI chat-completions streaming wire format (server-sent events) on a raw
 * socket, so it can also reset the connection (TCP RST) at any point of a stream or stall in the middle of
 * one. Each request takes the next scripted behaviour, or the fallback one when the script is used up.
 */
final class SseChatServer implements AutoCloseable {

  /** What the server does with one request, given the connection. */
  interface Behaviour {
    void handle(Socket socket, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
  private volatile Behaviour fallback = stream("fallback");
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);

  SseChatServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "sse-chat-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
  }

  SseChatServer then(Behaviour b) {
    script.add(b);
    return this;
  }

  SseChatServer otherwise(Behaviour b) {
    fallback = b;
    return this;
  }

  int requests() {
    return requests.get();
  }

  /** A complete stream of {@code tokens}, with usage in the last event. */
  static Behaviour stream(String... tokens) {
    return (socket, out) -> {
      head(out);
      for (String t : tokens) {
        event(out, t);
      }
      finish(out, tokens.length);
      socket.close();
    };
  }

  /** {@code n} tokens of {@code tokens}, then a connection reset (0: reset before the first token). */
  static Behaviour resetAfter(int n, String... tokens) {
    return resetAfter(n, new java.util.concurrent.CountDownLatch(0), tokens);
  }

  /**
   * {@code n} tokens, then a connection reset once {@code received} is open. A reset discards what the
   * client's kernel has not yet handed to the reader, so a test that needs the tokens delivered first opens
   * the latch when its handler has them (bounded wait, so a broken client cannot hang the server).
   */
  static Behaviour resetAfter(int n, java.util.concurrent.CountDownLatch received, String... tokens) {
    return (socket, out) -> {
      if (n > 0) {
        head(out);
        for (int i = 0; i < n; i++) {
          event(out, tokens[i]);
        }
      }
      out.flush();
      try {
        received.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      socket.setSoLinger(true, 0);
      socket.close();
    };
  }

  /** {@code n} tokens, then silence until the server closes. */
  static Behaviour stallAfter(int n, String... tokens) {
    return (socket, out) -> {
      head(out);
      for (int i = 0; i < n; i++) {
        event(out, tokens[i]);
      }
      out.flush();
      // Held open: the client must give up by itself.
    };
  }

  /** An error status with a JSON body and, when {@code retryAfter} is not null, a Retry-After header. */
  static Behaviour status(int code, String retryAfter) {
    return (socket, out) -> {
      byte[] body = "{\"error\":{\"message\":\"try later\",\"type\":\"server\"}}".getBytes(StandardCharsets.UTF_8);
      out.write(("HTTP/1.1 " + code + " Status\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + (retryAfter != null ? "\r\nRetry-After: " + retryAfter : "") + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      socket.close();
    };
  }

  private static void head(OutputStream out) throws IOException {
    out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void event(OutputStream out, String token) throws IOException {
    String json = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + token.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\"},\"finish_reason\":null}]}";
    out.write(("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void finish(OutputStream out, int tokens) throws IOException {
    String json = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"stub\","
        + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
        + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":" + tokens + ",\"total_tokens\":" + (5 + tokens) + "}}";
    out.write(("data: " + json + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        Thread t = new Thread(() -> serve(socket), "sse-chat-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try {
      InputStream in = socket.getInputStream();
      readRequest(in);
      requests.incrementAndGet();
      Behaviour b = script.poll();
      (b != null ? b : fallback).handle(socket, socket.getOutputStream());
      if (!socket.isClosed()) {
        closed.await();
        socket.close();
      }
    } catch (IOException e) {
      // The client went away.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int last4 = 0;
    while (true) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed in the request head");
      }
      head.write(c);
      last4 = (last4 << 8) | c;
      if (last4 == 0x0D0A0D0A) {
        break;
      }
    }
    int length = 0;
    for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    in.readNBytes(length);
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    server.close();
  }

  static List<String> five() {
    return List.of("One ", "two ", "three ", "four ", "five ");
  }
}
