package io.modelbridge.adapters.http.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.modelbridge.adapters.http.MalformedResponseException;
import io.modelbridge.adapters.http.Paging;
import io.modelbridge.adapters.spi.AbstractSystemAdapter;
import io.modelbridge.adapters.spi.AdapterDescriptor;
import io.modelbridge.adapters.spi.AdapterException;
import io.modelbridge.adapters.spi.AdapterRecord;
import io.modelbridge.adapters.spi.Effect;
import io.modelbridge.adapters.spi.EntitySchema;
import io.modelbridge.adapters.spi.FieldSchema;
import io.modelbridge.adapters.spi.Health;
import io.modelbridge.adapters.spi.InputRejectedException;
import io.modelbridge.adapters.spi.NotPermittedException;
import io.modelbridge.adapters.spi.OperationDescriptor;
import io.modelbridge.adapters.spi.OperationKind;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.RecordNotFoundException;
import io.modelbridge.adapters.spi.RecordStream;
import io.modelbridge.adapters.spi.SourceRef;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemUnavailableException;
import io.modelbridge.adapters.spi.VersionConflictException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The HTTP/JSON adapter: turns each declared operation into requests with {@link HttpClient}, retries
 * overload and server errors with Failsafe, maps statuses to the SPI's typed errors, and reads JSON
 * responses into records. Thread-safe.
 */
public final class HttpSystemAdapter extends AbstractSystemAdapter {

  private static final System.Logger LOG = System.getLogger(HttpSystemAdapter.class.getName());
  private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([^{}]+)}");
  private static final Duration NO_COMPUTED_DELAY = Duration.ofMillis(-1);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final HttpSettings settings;
  private final String systemId;
  private final AdapterDescriptor descriptor;
  private final Map<String, ResolvedOperation> operations = new LinkedHashMap<>();
  private final ExecutorService executor;
  private final HttpClient client;
  private final ObjectMapper mapper;
  private final RetryPolicy<HttpResponse<byte[]>> retrySafe;
  private final RetryPolicy<HttpResponse<byte[]>> retryUnsafe;

  /** Creates the adapter; sends nothing yet. */
  public HttpSystemAdapter(HttpSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings cannot be null");
    this.systemId = settings.systemId();
    for (ResolvedOperation r : ResolvedOperation.resolveAll(settings.spec())) {
      operations.put(r.op().name(), r);
    }
    this.descriptor = new AdapterDescriptor(SpiVersion.CURRENT, systemId, settings.kind(),
        settings.spec().entities(), operations.values().stream().map(ResolvedOperation::descriptor).toList());
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread t = new Thread(task, "modelbridge-http-" + systemId);
      t.setDaemon(true);
      return t;
    });
    this.client = HttpClient.newBuilder()
        .executor(executor)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    this.mapper = JsonValues.mapper();
    this.retrySafe = retryPolicy(true);
    this.retryUnsafe = retryPolicy(false);
  }

  /**
   * Requests that are safe to repeat (reads, PUT, DELETE) are retried on 429, 5xx and I/O failures. A
   * non-idempotent write (POST) is retried only when the system cannot have acted on it: the connection
   * was never made, or the system said 429 or 503 before processing it.
   */
  private RetryPolicy<HttpResponse<byte[]>> retryPolicy(boolean repeatable) {
    return RetryPolicy.<HttpResponse<byte[]>>builder()
        .handleIf((response, failure) -> {
          if (failure != null) {
            return repeatable ? failure instanceof IOException
                : failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
          }
          int status = response.statusCode();
          return repeatable ? status == 429 || status >= 500 : status == 429 || status == 503;
        })
        .abortIf(response -> response != null
            && retryAfter(response).filter(d -> d.compareTo(settings.maxDelay()) > 0).isPresent())
        .withDelayFn(ctx -> {
          // Failsafe falls back to the backoff when the computed delay is negative (null is not allowed).
          HttpResponse<byte[]> last = ctx.getLastResult();
          return last == null ? NO_COMPUTED_DELAY : retryAfter(last).orElse(NO_COMPUTED_DELAY);
        })
        .withBackoff(settings.retryDelay(), settings.maxDelay())
        .withMaxAttempts(settings.maxAttempts())
        .build();
  }

  @Override
  public AdapterDescriptor descriptor() {
    return descriptor;
  }

  /** Runs a call whose arguments the SPI bound and coerced. */
  @Override
  protected RecordStream run(OperationDescriptor operation, Map<String, Object> args, OperationRequest request) {
    String name = operation.name();
    ResolvedOperation r = operations.get(name);
    if (request.dryRun() && r.descriptor().effect().writes()) {
      return RecordStream.of(List.of(recordFromArguments(r, args, Optional.empty(), true)));
    }
    return switch (r.op().kind()) {
      case QUERY -> new PagedRecords(r, args).stream();
      case GET -> RecordStream.of(List.of(single(r, args, request.expectedVersion())));
      case CREATE, UPDATE -> RecordStream.of(List.of(single(r, args, request.expectedVersion())));
      case DELETE -> {
        HttpResponse<byte[]> response = send(r, request(r, args, Optional.empty(), request.expectedVersion()));
        checkStatus(r, response, args, request.expectedVersion());
        yield RecordStream.empty();
      }
      default -> throw new InputRejectedException(systemId, name, "operation",
          "kind " + r.op().kind() + " is not offered by the HTTP adapter", null);
    };
  }

  private AdapterRecord single(ResolvedOperation r, Map<String, Object> args, Optional<String> expectedVersion) {
    HttpResponse<byte[]> response = send(r, request(r, args, Optional.empty(), expectedVersion));
    checkStatus(r, response, args, expectedVersion);
    Optional<String> etag = etag(response);
    if (response.body().length == 0) {
      if (r.op().kind() == OperationKind.GET) {
        throw malformed(r, response, "has an empty body where a record was expected", null);
      }
      return recordFromArguments(r, args, etag, false);
    }
    JsonNode body = parse(r, response);
    JsonNode item = r.op().records().isEmpty() ? body : body.at(r.op().records());
    if (!item.isObject()) {
      throw malformed(r, response, "holds no JSON object at '" + r.op().records() + "'"
          + " (found " + item.getNodeType() + "); check the operation's records pointer", null);
    }
    return toRecord(r, response, item, etag);
  }

  // ---------------------------------------------------------------- requests

  private HttpRequest request(
      ResolvedOperation r, Map<String, Object> args, Optional<String> pageToken, Optional<String> ifMatch) {
    StringBuilder uri = new StringBuilder(settings.baseUri().toString());
    uri.append(fill(r.op().path(), args, true).orElseThrow());
    List<String> params = new ArrayList<>();
    r.op().query().forEach((param, template) ->
        fill(template, args, false).ifPresent(v -> params.add(encode(param) + "=" + v)));
    pageToken.ifPresent(t -> params.add(encode(r.op().paging().param()) + "=" + encode(t)));
    if (!params.isEmpty()) {
      uri.append(uri.indexOf("?") >= 0 ? '&' : '?').append(String.join("&", params));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri.toString()))
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json");
    if (r.body().isEmpty()) {
      b.method(r.op().method(), HttpRequest.BodyPublishers.noBody());
    } else {
      ObjectNode body = NODES.objectNode();
      r.body().forEach((pointer, arg) -> {
        if (args.containsKey(arg)) {
          put(body, pointer, JsonValues.toJson(args.get(arg)));
        }
      });
      byte[] bytes;
      try {
        bytes = mapper.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        throw new InputRejectedException(systemId, r.op().name(), "-", "could not be written as JSON", e);
      }
      b.header("Content-Type", "application/json").method(r.op().method(), HttpRequest.BodyPublishers.ofByteArray(bytes));
    }
    ifMatch.filter(v -> r.op().kind() == OperationKind.UPDATE || r.op().kind() == OperationKind.DELETE)
        .ifPresent(v -> b.header("If-Match", v.startsWith("\"") || v.startsWith("W/") ? v : '"' + v + '"'));
    settings.secrets().ifPresent(secrets -> {
      String secret = secrets.secret(settings.secretName()).orElseThrow(() -> new NotPermittedException(systemId,
          r.op().name(), "the secret provider has no secret named '" + settings.secretName()
              + "' for the " + settings.authHeader() + " header; configure it there", null));
      try {
        b.header(settings.authHeader(), settings.authScheme() + secret);
      } catch (IllegalArgumentException e) {
        // The JDK's message could echo the value: report without it.
        throw new NotPermittedException(systemId, r.op().name(), "the secret '" + settings.secretName()
            + "' is not a valid value for the " + settings.authHeader() + " header (line breaks?)", null);
      }
    });
    return b.build();
  }

  /** Fills {@code {placeholders}}; empty if one has no argument. */
  private static Optional<String> fill(String template, Map<String, Object> args, boolean pathSegment) {
    StringBuilder out = new StringBuilder();
    var m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      Object v = args.get(m.group(1));
      if (v == null) {
        return Optional.empty();
      }
      out.append(template, last, m.start()).append(encode(JsonValues.toText(v)));
      last = m.end();
    }
    out.append(template.substring(last));
    String filled = out.toString();
    return Optional.of(pathSegment ? filled : filled.equals(template) ? encode(template) : filled);
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static void put(ObjectNode root, String pointer, JsonNode value) {
    String[] parts = pointer.substring(1).split("/", -1);
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      String p = unescape(parts[i]);
      JsonNode child = node.get(p);
      node = child instanceof ObjectNode o ? o : node.putObject(p);
    }
    node.set(unescape(parts[parts.length - 1]), value);
  }

  private static String unescape(String pointerPart) {
    return pointerPart.replace("~1", "/").replace("~0", "~");
  }

  private HttpResponse<byte[]> send(ResolvedOperation r, HttpRequest request) {
    String name = r.op().name();
    String what = r.op().method() + " " + r.op().path();
    RetryPolicy<HttpResponse<byte[]>> policy =
        r.descriptor().effect() == Effect.WRITE ? retryUnsafe : retrySafe;
    AtomicInteger attempts = new AtomicInteger();
    HttpResponse<byte[]> response;
    try {
      response = Failsafe.with(policy).get(() -> {
        ensureOpen(name);
        int attempt = attempts.incrementAndGet();
        HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (answer.statusCode() == 429 || answer.statusCode() >= 500) {
          LOG.log(System.Logger.Level.DEBUG, "{0}/{1}: {2} answered HTTP {3} on attempt {4}",
              systemId, name, what, answer.statusCode(), attempt);
        }
        return answer;
      });
    } catch (FailsafeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new SystemUnavailableException(systemId, name, what + " was interrupted", cause);
      }
      throw new SystemUnavailableException(systemId, name, what + " failed after " + attempts.get()
          + " attempt(s): " + cause.getClass().getSimpleName()
          + (cause.getMessage() != null ? " (" + cause.getMessage() + ")" : "")
          + "; check that " + settings.baseUri() + " is reachable, then retry", cause);
    }
    int status = response.statusCode();
    if (status == 429 || status >= 500) {
      Optional<Duration> wait = retryAfter(response);
      throw new SystemUnavailableException(systemId, name, what + " answered HTTP " + status + " after "
          + attempts.get() + " attempt(s)"
          + wait.map(d -> "; the system asks to retry after " + d.toSeconds() + "s"
              + (d.compareTo(settings.maxDelay()) > 0 ? ", longer than retry.maxDelay " + settings.maxDelay() : ""))
              .orElse("")
          + "; retry later", null);
    }
    return response;
  }

  /**
   * The ETag as a version: a strong ETag without its quotes (so it equals a version field's value), a weak
   * one as it is.
   */
  private static Optional<String> etag(HttpResponse<?> response) {
    return response.headers().firstValue("ETag").map(String::trim).filter(v -> !v.isEmpty()).map(v ->
        v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v);
  }

  /** The Retry-After header as a duration: delta-seconds or an HTTP date. */
  private static Optional<Duration> retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After").flatMap(v -> {
      String t = v.trim();
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(t))));
      } catch (NumberFormatException e) {
        try {
          Duration d = Duration.between(Instant.now(), ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME));
          return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e2) {
          return Optional.empty();
        }
      }
    });
  }

  // ---------------------------------------------------------------- responses

  private void checkStatus(
      ResolvedOperation r, HttpResponse<byte[]> response, Map<String, Object> args, Optional<String> expected) {
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return;
    }
    String name = r.op().name();
    String what = r.op().method() + " " + r.op().path() + " answered HTTP " + status;
    String key = keyString(r, args);
    switch (status) {
      case 400, 422 -> {
        Problem p = problem(response);
        throw new InputRejectedException(systemId, name, p.field().orElse("-"),
            what + p.title().map(t -> " (" + t + ")").orElse("") + "; correct the input and call again", null);
      }
      case 401, 403 -> throw new NotPermittedException(systemId, name, what
          + (status == 401 ? ": the credentials were refused; check the secret '" + settings.secretName() + "'"
              : ": the account may not do this"), null);
      case 404 -> throw new RecordNotFoundException(systemId, name, r.entity().name(), key);
      case 409, 412 -> {
        if (expected.isPresent()) {
          throw new VersionConflictException(systemId, name, key, expected.get(), etag(response).orElse(null));
        }
        Problem p = problem(response);
        throw new InputRejectedException(systemId, name, p.field().orElse("-"),
            what + ": the input conflicts with the system's state (a duplicate key?)", null);
      }
      case 428 -> throw new InputRejectedException(systemId, name, "expectedVersion",
          what + ": the system requires the version the change is based on; read the record and pass its version",
          null);
      default -> throw new AdapterException(systemId, name, what + ", which this adapter does not expect"
          + "; check the operation's method and path", false, null);
    }
  }

  private record Problem(Optional<String> field, Optional<String> title) {}

  /** Reads an RFC 9457 problem body (or a common variant) for the offending field; never fails. */
  private Problem problem(HttpResponse<byte[]> response) {
    try {
      JsonNode body = mapper.readTree(response.body());
      if (body == null || !body.isObject()) {
        return new Problem(Optional.empty(), Optional.empty());
      }
      Optional<String> field = Optional.empty();
      for (String p : List.of("/field", "/errors/0/field", "/errors/0/name", "/invalid-params/0/name",
          "/errors/0/pointer", "/errors/0/path")) {
        JsonNode v = body.at(p);
        if (v.isTextual() && !v.textValue().isBlank()) {
          String f = v.textValue();
          field = Optional.of(f.startsWith("/") ? f.substring(f.lastIndexOf('/') + 1) : f);
          break;
        }
      }
      JsonNode title = body.get("title");
      return new Problem(field, title != null && title.isTextual() ? Optional.of(title.textValue()) : Optional.empty());
    } catch (IOException e) {
      return new Problem(Optional.empty(), Optional.empty());
    }
  }

  private JsonNode parse(ResolvedOperation r, HttpResponse<byte[]> response) {
    try {
      JsonNode node = mapper.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw malformed(r, response, "has an empty body where JSON was expected", null);
      }
      return node;
    } catch (JsonProcessingException e) {
      var loc = e.getLocation();
      // Jackson's own message quotes the offending token, which may be personal data: only the place is kept.
      throw malformed(r, response, "is not valid JSON (parse error"
          + (loc != null ? " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() : "")
          + "); check that baseUrl points at the JSON API", null);
    } catch (IOException e) {
      throw malformed(r, response, "could not be read", e);
    }
  }

  private MalformedResponseException malformed(
      ResolvedOperation r, HttpResponse<byte[]> response, String problem, Throwable cause) {
    String type = response.headers().firstValue("Content-Type").orElse("no Content-Type");
    return new MalformedResponseException(systemId, r.op().name(), "the response to " + r.op().method() + " "
        + r.op().path() + " (HTTP " + response.statusCode() + ", " + type + ") " + problem, cause);
  }

  private AdapterRecord toRecord(
      ResolvedOperation r, HttpResponse<byte[]> response, JsonNode item, Optional<String> etag) {
    EntitySchema entity = r.entity();
    Map<String, Object> fields = new LinkedHashMap<>();
    for (FieldSchema f : entity.fields()) {
      String pointer = r.fieldPointers().get(f.name());
      JsonNode v = item.at(pointer);
      if (v.isMissingNode() || v.isNull()) {
        if (entity.keyFields().contains(f.name())) {
          throw malformed(r, response, "has a " + entity.name() + " record without its key field '" + f.name()
              + "' at '" + pointer + "'", null);
        }
        continue;
      }
      Object value = JsonValues.fromJson(f.type(), v).orElseThrow(() -> malformed(r, response,
          "has a " + entity.name() + " record whose field '" + f.name() + "' at '" + pointer + "' is a "
              + v.getNodeType() + " that does not read as " + f.type(), null));
      fields.put(f.name(), value);
    }
    Optional<String> version = etag.or(() -> entity.versionField().map(fields::get).map(JsonValues::toText));
    return new AdapterRecord(source(entity, fields, version), fields);
  }

  private SourceRef source(EntitySchema entity, Map<String, Object> fields, Optional<String> version) {
    Map<String, Object> key = new LinkedHashMap<>();
    entity.keyFields().forEach(k -> key.put(k, fields.get(k)));
    return new SourceRef(systemId, entity.name(), key, version, Instant.now());
  }

  private AdapterRecord recordFromArguments(
      ResolvedOperation r, Map<String, Object> args, Optional<String> version, boolean preview) {
    EntitySchema entity = r.entity();
    Map<String, Object> fields = new LinkedHashMap<>();
    entity.fields().forEach(f -> {
      if (args.containsKey(f.name())) {
        fields.put(f.name(), args.get(f.name()));
      }
    });
    Map<String, Object> key = new LinkedHashMap<>();
    for (String k : entity.keyFields()) {
      Object v = fields.get(k);
      if (v == null) {
        if (!preview) {
          throw new MalformedResponseException(systemId, r.op().name(), "the response to " + r.op().method()
              + " " + r.op().path() + " has no body, so the key field '" + k
              + "' of the written record is unknown; make the API return the record", null);
        }
        v = "(assigned by " + systemId + ")";
      }
      key.put(k, v);
    }
    return new AdapterRecord(new SourceRef(systemId, entity.name(), key, version, Instant.now()), fields);
  }

  private String keyString(ResolvedOperation r, Map<String, Object> args) {
    String key = r.entity().keyFields().stream().filter(args::containsKey)
        .map(k -> JsonValues.toText(args.get(k))).collect(Collectors.joining("|"));
    return key.isEmpty() ? "-" : key;
  }

  // ---------------------------------------------------------------- paging

  /** Fetches one page at a time as the caller iterates; only the current page is in memory. */
  private final class PagedRecords implements Iterator<AdapterRecord> {
    private final ResolvedOperation r;
    private final Map<String, Object> args;
    private Iterator<AdapterRecord> page = java.util.Collections.emptyIterator();
    private Optional<String> token = Optional.empty();
    private boolean first = true;
    private boolean done;
    private boolean closed;

    PagedRecords(ResolvedOperation r, Map<String, Object> args) {
      this.r = r;
      this.args = args;
      Paging paging = r.op().paging();
      if (paging.type() == Paging.Type.PAGE) {
        token = Optional.of(Long.toString(paging.firstPage()));
      }
    }

    RecordStream stream() {
      return HttpSystemAdapter.this.stream(this, () -> closed = true);
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && !done && !closed) {
        fetch();
      }
      return page.hasNext() && !closed;
    }

    @Override
    public AdapterRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more records");
      }
      return page.next();
    }

    private void fetch() {
      Paging paging = r.op().paging();
      Optional<String> sent = first && paging.type() == Paging.Type.CURSOR ? Optional.empty() : token;
      first = false;
      HttpResponse<byte[]> response = send(r, request(r, args, paging.type() == Paging.Type.NONE
          ? Optional.empty() : sent, Optional.empty()));
      checkStatus(r, response, args, Optional.empty());
      JsonNode body = parse(r, response);
      JsonNode items = r.op().records().isEmpty() ? body : body.at(r.op().records());
      if (!items.isArray()) {
        throw malformed(r, response, "holds no JSON array at '" + r.op().records() + "' (found "
            + items.getNodeType() + "); check the operation's records pointer", null);
      }
      List<AdapterRecord> records = new ArrayList<>(items.size());
      for (JsonNode item : items) {
        if (!item.isObject()) {
          throw malformed(r, response, "has a " + item.getNodeType() + " in the records array, not an object", null);
        }
        records.add(toRecord(r, response, item, Optional.empty()));
      }
      page = records.iterator();
      switch (paging.type()) {
        case NONE -> done = true;
        case CURSOR -> {
          Optional<String> next = nextValue(body, paging);
          if (next.isPresent() && next.equals(sent)) {
            throw malformed(r, response, "names the same cursor again at '" + paging.nextPointer().orElseThrow()
                + "'; the query would never end", null);
          }
          token = next;
          done = next.isEmpty();
        }
        case PAGE -> {
          if (paging.nextPointer().isPresent()) {
            token = nextValue(body, paging);
            done = token.isEmpty() || token.equals(sent);
          } else {
            done = records.isEmpty();
            token = sent.map(p -> Long.toString(Long.parseLong(p) + 1));
          }
        }
      }
    }

    private Optional<String> nextValue(JsonNode body, Paging paging) {
      JsonNode v = body.at(paging.nextPointer().orElseThrow());
      if (v.isMissingNode() || v.isNull() || !v.isValueNode() || v.asText().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(v.asText());
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  protected Health checkHealth() {
    long start = System.nanoTime();
    String path = settings.healthPath().orElse("");
    try {
      HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUri() + path))
          .timeout(settings.requestTimeout()).GET().build();
      int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      boolean up = settings.healthPath().isPresent() ? status >= 200 && status < 300 : status < 500;
      return new Health(up ? Health.Status.UP : Health.Status.DOWN,
          "GET " + (path.isEmpty() ? "/" : path) + " answered HTTP " + status, latency);
    } catch (IOException | RuntimeException e) {
      return new Health(Health.Status.DOWN, "GET " + (path.isEmpty() ? "/" : path) + " failed: "
          + e.getClass().getSimpleName(), Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Health(Health.Status.DOWN, "health check interrupted", Duration.ofNanos(System.nanoTime() - start));
    }
  }

  /** Stops the client's threads; the base has closed the open streams first. */
  @Override
  protected void release() {
    executor.shutdownNow();
  }
}
