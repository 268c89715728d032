package io.modelbridge.adapters.http;

import io.modelbridge.adapters.http.internal.HttpSettings;
import io.modelbridge.adapters.http.internal.HttpSystemAdapter;
import io.modelbridge.adapters.http.internal.SpecParser;
import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.ConfigKey;
import io.modelbridge.adapters.spi.ConfigKey.Type;
import io.modelbridge.adapters.spi.InvalidAdapterConfigException;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.adapters.spi.SpiVersion;
import io.modelbridge.adapters.spi.SystemAdapterProvider;
import io.modelbridge.adapters.spi.SystemKind;
import io.modelbridge.json.ConfigFileException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The provider of the HTTP/JSON adapter, type {@code http}: docks a REST system whose operations are
 * declared by an {@link HttpApiSpec}. Discovered with {@link java.util.ServiceLoader}; see
 * {@code docs/adapters-http.md} for every key with an example.
 *
 * <p>Exactly one of {@code spec} (a JSON or YAML document as text), {@code specFile} (a path to one) or
 * {@code specObject} (an {@link HttpApiSpec} built in Java) must be given.
 */
public final class HttpAdapterProvider implements SystemAdapterProvider {

  /** The base URL the operations' paths are relative to, for example {@code https://crm.example.com/api/v2}. */
  public static final ConfigKey BASE_URL = ConfigKey.required("baseUrl", Type.STRING,
      "base URL the operation paths are relative to");
  /** The API declaration as JSON or YAML text. */
  public static final ConfigKey SPEC = ConfigKey.optional("spec", Type.STRING,
      "the API declaration (entities and operations) as a JSON or YAML document");
  /** A file holding the API declaration. */
  public static final ConfigKey SPEC_FILE = ConfigKey.optional("specFile", Type.PATH,
      "a UTF-8 file holding the API declaration as JSON or YAML");
  /** The API declaration built in Java ({@link HttpApiSpec}). */
  public static final ConfigKey SPEC_OBJECT = ConfigKey.optional("specObject", Type.OBJECT,
      "the API declaration as an io.modelbridge.adapters.http.HttpApiSpec");
  /** The kind of system, one of {@link SystemKind}. */
  public static final ConfigKey KIND = ConfigKey.optional("kind", Type.STRING, "CRM",
      "the kind of system: ERP, CRM, FINANCE, ORDER, FILE or OTHER");
  /** The {@link SecretProvider} that supplies the auth header's secret. */
  public static final ConfigKey SECRET_PROVIDER = ConfigKey.optional("secretProvider", Type.OBJECT,
      "an io.modelbridge.adapters.http.SecretProvider supplying the auth secret");
  /** The name of the secret to ask the {@link SecretProvider} for. */
  public static final ConfigKey AUTH_SECRET = ConfigKey.optional("auth.secretName", Type.STRING, "api-token",
      "the name of the secret the secret provider is asked for");
  /** The header that carries the secret. */
  public static final ConfigKey AUTH_HEADER = ConfigKey.optional("auth.header", Type.STRING, "Authorization",
      "the request header that carries the secret");
  /** The text put before the secret in the header. */
  public static final ConfigKey AUTH_SCHEME = ConfigKey.optional("auth.scheme", Type.STRING, "Bearer ",
      "the text before the secret in the header (empty for a bare API key)");
  /** How long to wait for a TCP connection. */
  public static final ConfigKey CONNECT_TIMEOUT = ConfigKey.optional("timeout.connect", Type.DURATION, "PT5S",
      "how long to wait for a connection");
  /** How long to wait for one response. */
  public static final ConfigKey REQUEST_TIMEOUT = ConfigKey.optional("timeout.request", Type.DURATION, "PT30S",
      "how long to wait for one response");
  /** Attempts per request including the first. */
  public static final ConfigKey RETRY_ATTEMPTS = ConfigKey.optional("retry.maxAttempts", Type.INTEGER, "4",
      "attempts per request including the first (1 disables retries)");
  /** Delay before the first retry. */
  public static final ConfigKey RETRY_DELAY = ConfigKey.optional("retry.delay", Type.DURATION, "PT0.2S",
      "delay before the first retry; doubles on each further retry");
  /** The longest delay between attempts. */
  public static final ConfigKey RETRY_MAX_DELAY = ConfigKey.optional("retry.maxDelay", Type.DURATION, "PT10S",
      "the longest delay between attempts; a longer Retry-After ends the retries at once");
  /** The path the health check reads. */
  public static final ConfigKey HEALTH_PATH = ConfigKey.optional("healthPath", Type.STRING,
      "a path the health check GETs and expects 2xx from; without it any answer below 500 from the base URL counts");

  private static final List<ConfigKey> KEYS = List.of(BASE_URL, SPEC, SPEC_FILE, SPEC_OBJECT, KIND, SECRET_PROVIDER,
      AUTH_SECRET, AUTH_HEADER, AUTH_SCHEME, CONNECT_TIMEOUT, REQUEST_TIMEOUT, RETRY_ATTEMPTS, RETRY_DELAY,
      RETRY_MAX_DELAY, HEALTH_PATH);

  /** Public no-argument constructor for {@link java.util.ServiceLoader}; does no work. */
  public HttpAdapterProvider() {}

  @Override
  public String type() {
    return "http";
  }

  @Override
  public String version() {
    return "0.1.0";
  }

  /** Built against this SPI: the compile-time constant is written into this class. */
  @Override
  public int spiVersion() {
    return SpiVersion.CURRENT;
  }

  @Override
  public String description() {
    return "HTTP/JSON REST systems, operations declared by configuration (paging, ETag conflicts, retries)";
  }

  @Override
  public List<ConfigKey> configKeys() {
    return KEYS;
  }

  /**
   * Creates the adapter; sends no request.
   *
   * @throws InvalidAdapterConfigException if the configuration is invalid (names the key), including a
   *     declaration that does not parse or does not hold together
   */
  @Override
  public SystemAdapter create(AdapterConfig config) {
    config.validate(KEYS);
    String id = config.systemId();
    URI base = baseUri(config);
    HttpApiSpec spec = spec(config);
    SystemKind kind = enumKey(config, KIND, SystemKind.class);
    int attempts = (int) (long) config.integer(RETRY_ATTEMPTS).orElseThrow();
    if (attempts < 1 || attempts > 20) {
      throw new InvalidAdapterConfigException(id, RETRY_ATTEMPTS.name(), "is " + attempts + " but must be 1 to 20");
    }
    Duration delay = positive(config, RETRY_DELAY);
    Duration maxDelay = positive(config, RETRY_MAX_DELAY);
    if (maxDelay.compareTo(delay) < 0) {
      throw new InvalidAdapterConfigException(id, RETRY_MAX_DELAY.name(), "is " + maxDelay
          + ", shorter than retry.delay " + delay);
    }
    Optional<SecretProvider> secrets = config.object(SECRET_PROVIDER, SecretProvider.class);
    Optional<String> health = config.string(HEALTH_PATH);
    health.filter(p -> !p.startsWith("/")).ifPresent(p -> {
      throw new InvalidAdapterConfigException(id, HEALTH_PATH.name(), "is '" + p + "' but must start with '/'");
    });
    HttpSettings settings = new HttpSettings(id, base, kind, spec, secrets,
        config.requireString(AUTH_SECRET), config.requireString(AUTH_HEADER), config.string(AUTH_SCHEME).orElse(""),
        positive(config, CONNECT_TIMEOUT), positive(config, REQUEST_TIMEOUT), attempts, delay, maxDelay, health);
    try {
      return new HttpSystemAdapter(settings);
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(id, specKeyGiven(config), "does not hold together: " + e.getMessage());
    }
  }

  private static URI baseUri(AdapterConfig config) {
    String raw = config.requireString(BASE_URL).trim();
    while (raw.endsWith("/")) {
      raw = raw.substring(0, raw.length() - 1);
    }
    try {
      URI uri = new URI(raw);
      if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
          || uri.getHost() == null || uri.getQuery() != null || uri.getUserInfo() != null) {
        throw new URISyntaxException(raw, "needs http or https, a host, no query and no user info");
      }
      return uri;
    } catch (URISyntaxException e) {
      // The URL is not echoed: it could carry credentials.
      throw new InvalidAdapterConfigException(config.systemId(), BASE_URL.name(),
          "is not a usable base URL (" + e.getReason() + "); use for example https://crm.example.com/api");
    }
  }

  private static HttpApiSpec spec(AdapterConfig config) {
    String id = config.systemId();
    List<ConfigKey> given = List.of(SPEC, SPEC_FILE, SPEC_OBJECT).stream()
        .filter(k -> config.keys().contains(k.name())).toList();
    if (given.size() != 1) {
      throw new InvalidAdapterConfigException(id, SPEC.name(), given.isEmpty()
          ? "is required: give the API declaration as spec, specFile or specObject"
          : "is given more than once: use exactly one of spec, specFile and specObject, not " + given.stream()
              .map(ConfigKey::name).toList());
    }
    ConfigKey key = given.get(0);
    if (key == SPEC_OBJECT) {
      return config.object(SPEC_OBJECT, HttpApiSpec.class).orElseThrow();
    }
    String text;
    String origin = "the declaration";
    if (key == SPEC_FILE) {
      Path file = config.path(SPEC_FILE).orElseThrow();
      origin = file.toString();
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InvalidAdapterConfigException(id, SPEC_FILE.name(), "names " + file
            + ", which cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    } else {
      text = config.requireString(SPEC);
    }
    try {
      return SpecParser.parse(text, origin);
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(id, key.name(), "holds an invalid declaration: "
          + (key == SPEC_FILE && !(e instanceof ConfigFileException) ? origin + ": " : "") + e.getMessage());
    }
  }

  private static String specKeyGiven(AdapterConfig config) {
    return List.of(SPEC, SPEC_FILE, SPEC_OBJECT).stream().map(ConfigKey::name)
        .filter(config.keys()::contains).findFirst().orElse(SPEC.name());
  }

  private static Duration positive(AdapterConfig config, ConfigKey key) {
    Duration d = config.duration(key).orElseThrow();
    if (d.isNegative() || d.isZero()) {
      throw new InvalidAdapterConfigException(config.systemId(), key.name(), "is " + d + " but must be positive");
    }
    return d;
  }

  private static <E extends Enum<E>> E enumKey(AdapterConfig config, ConfigKey key, Class<E> type) {
    String v = config.requireString(key);
    try {
      return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidAdapterConfigException(config.systemId(), key.name(), "is '" + v + "' but must be one of "
          + java.util.Arrays.toString(type.getEnumConstants()));
    }
  }
}
