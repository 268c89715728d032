package io.modelbridge.core.gateway.internal;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The HTTP client the gateway gives LangChain4j's provider models: the JDK client, HTTP/1.1, and an error
 * status raised as {@link RetryAfterHttpException} so the retry policy can honour {@code Retry-After}.
 */
public final class GatewayHttpClient implements HttpClient {

  // Strict, as every date parse of ModelBridge: an impossible Retry-After date is ignored, never moved.
  private static final DateTimeFormatter RETRY_AFTER_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withResolverStyle(java.time.format.ResolverStyle.STRICT);

  private final java.net.http.HttpClient client;
  private final Duration readTimeout;

  private GatewayHttpClient(Duration connectTimeout, Duration readTimeout) {
    this.client = java.net.http.HttpClient.newBuilder()
        .version(java.net.http.HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .build();
    this.readTimeout = readTimeout;
  }

  /** A builder as LangChain4j's provider builders expect it. */
  public static HttpClientBuilder builder() {
    return new Builder();
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    java.net.http.HttpResponse<byte[]> response = send(request, java.net.http.HttpResponse.BodyHandlers.ofByteArray());
    byte[] body = response.body();
    failOnErrorStatus(response, () -> new String(body, StandardCharsets.UTF_8));
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(body)
        .build();
  }

  @Override
  public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    try {
      java.net.http.HttpResponse<InputStream> response =
          send(request, java.net.http.HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        failOnErrorStatus(response, () -> readQuietly(in));
        listener.onOpen(SuccessfulHttpResponse.builder()
            .statusCode(response.statusCode()).headers(response.headers().map()).build());
        boolean[] failed = {false};
        parser.parse(in, new ServerSentEventListener() {
          @Override
          public void onEvent(dev.langchain4j.http.client.sse.ServerSentEvent event,
              dev.langchain4j.http.client.sse.ServerSentEventContext context) {
            listener.onEvent(event, context);
          }

          @Override
          public void onEvent(dev.langchain4j.http.client.sse.ServerSentEvent event) {
            listener.onEvent(event);
          }

          @Override
          public void onError(Throwable error) {
            failed[0] = true;
            listener.onError(error);
          }
        });
        // The stream ended: the provider model completes its response on close (a reset was reported above).
        if (!failed[0]) {
          listener.onClose();
        }
      }
    } catch (IOException e) {
      listener.onError(e);
    } catch (RuntimeException e) {
      listener.onError(e);
    }
  }

  private <T> java.net.http.HttpResponse<T> send(
      HttpRequest request, java.net.http.HttpResponse.BodyHandler<T> handler) {
    java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
        .timeout(readTimeout);
    for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
      for (String value : header.getValue()) {
        b.header(header.getKey(), value);
      }
    }
    String body = request.body();
    b.method(request.method().name(), body == null
        ? java.net.http.HttpRequest.BodyPublishers.noBody()
        : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    try {
      return client.send(b.build(), handler);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new java.io.InterruptedIOException("interrupted while waiting for the provider"));
    }
  }

  private static void failOnErrorStatus(java.net.http.HttpResponse<?> response, java.util.function.Supplier<String> body) {
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      Duration retryAfter = response.headers().firstValue("Retry-After").map(GatewayHttpClient::parseRetryAfter).orElse(null);
      throw new RetryAfterHttpException(status, body.get(), retryAfter);
    }
  }

  /** Reads a {@code Retry-After} value: seconds or an HTTP date; null when unreadable. */
  static Duration parseRetryAfter(String value) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? null : Duration.ofSeconds(seconds);
    } catch (NumberFormatException notSeconds) {
      try {
        Duration d = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(v, RETRY_AFTER_DATE));
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static String readQuietly(InputStream in) {
    try {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  private static final class Builder implements HttpClientBuilder {
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(60);

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public HttpClientBuilder connectTimeout(Duration timeout) {
      if (timeout != null) {
        connectTimeout = timeout;
      }
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public HttpClientBuilder readTimeout(Duration timeout) {
      if (timeout != null) {
        readTimeout = timeout;
      }
      return this;
    }

    @Override
    public HttpClient build() {
      return new GatewayHttpClient(connectTimeout, readTimeout);
    }
  }
}
