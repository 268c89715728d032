package io.modelbridge.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.json.ConfigDocument;
import io.modelbridge.json.ConfigFileException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads gateway configuration files and properties into a {@link ModelGateway.Builder}. */
final class GatewayConfig {

  private static final String PREFIX = "modelbridge.";
  private static final Pattern PROVIDER = Pattern.compile("providers\\[(\\d+)]\\.(type|name|baseUrl|apiKey|model)");
  private static final Pattern TENANT_BUDGET = Pattern.compile("budget\\.tenants\\.([^.]+)");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)}");

  private GatewayConfig() {}

  static ModelGateway.Builder read(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      ConfigDocument doc;
      try {
        doc = ConfigDocument.read(file, ConfigDocument.Format.YAML);
      } catch (ConfigFileException e) {
        throw new GatewayConfigException(e.keyPath().orElse("(file)"), e);
      }
      Properties props = new Properties();
      if (!doc.tree().isMissingNode() && !doc.tree().isNull()) {
        flatten("", doc.tree(), props);
      }
      try {
        return builderFrom(props);
      } catch (GatewayConfigException e) {
        // The flattened keys are the YAML key paths, so the error can name the line of the key.
        throw new GatewayConfigException(e.key(), doc.error(e.key(), e.problem()));
      }
    }
    Properties props = new UniqueKeys(file);
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new GatewayConfigException("(file)", file + ": cannot be read (" + e.getClass().getSimpleName()
          + (e instanceof java.nio.charset.CharacterCodingException ? ": not UTF-8 text" : "")
          + "); check the path, its permissions and that it is UTF-8", e);
    }
    try {
      return builderFrom(props);
    } catch (GatewayConfigException e) {
      throw new GatewayConfigException(e.key(), file + ": " + e.problem(), e);
    }
  }

  /** Properties that refuse a key given twice (java.util.Properties would keep the last silently). */
  private static final class UniqueKeys extends Properties {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    UniqueKeys(Path file) {
      this.file = file;
    }

    @Override
    public synchronized Object put(Object key, Object value) {
      if (containsKey(key)) {
        throw new GatewayConfigException(String.valueOf(key), file + ": duplicate key (the second would silently"
            + " replace the first); remove or rename one of the two");
      }
      return super.put(key, value);
    }
  }

  private static void flatten(String prefix, JsonNode node, Properties out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.setProperty(prefix, node.isNull() ? "" : node.asText());
    }
  }

  static ModelGateway.Builder builderFrom(Properties properties) {
    Map<String, String> all = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      if (!key.startsWith(PREFIX)) {
        throw new GatewayConfigException(key, "unknown key; every gateway key starts with 'modelbridge.' (see docs/configuration.md)");
      }
      all.put(key, resolveEnv(key, properties.getProperty(key).trim()));
    }
    ModelGateway.Builder b = ModelGateway.builder();
    Map<Integer, Map<String, String>> providers = new TreeMap<>();
    Duration[] backoff = {null, null};
    Integer[] breaker = {null};
    Duration[] breakerDelay = {null};
    Integer[] bulkhead = {null};
    Duration[] bulkheadWait = {null};
    Long[] budget = {null};
    Duration[] window = {null};
    Duration[] cacheTtl = {null};
    Long[] cacheSize = {null};
    boolean[] cacheOff = {false};
    Long[] rateCalls = {null};
    Duration[] ratePeriod = {null};
    Duration[] rateWait = {null};
    for (Map.Entry<String, String> e : all.entrySet()) {
      String full = e.getKey();
      String key = full.substring(PREFIX.length());
      String v = e.getValue();
      Matcher pm = PROVIDER.matcher(key);
      Matcher tm = TENANT_BUDGET.matcher(key);
      if (pm.matches()) {
        providers.computeIfAbsent(Integer.parseInt(pm.group(1)), i -> new TreeMap<>()).put(pm.group(2), v);
        continue;
      }
      if (tm.matches()) {
        b.tenantBudget(tm.group(1), positiveLong(full, v));
        continue;
      }
      try {
        switch (key) {
          case "timeout": b.timeout(duration(full, v)); break;
          case "retry.maxRetries": b.maxRetries(integer(full, v)); break;
          case "retry.initialDelay": backoff[0] = duration(full, v); break;
          case "retry.maxDelay": backoff[1] = duration(full, v); break;
          case "retry.jitter": b.jitter(decimal(full, v)); break;
          case "retry.maxRetryAfter": b.maxRetryAfter(duration(full, v)); break;
          case "breaker.failureThreshold": breaker[0] = integer(full, v); break;
          case "breaker.delay": breakerDelay[0] = duration(full, v); break;
          case "bulkhead.maxConcurrent": bulkhead[0] = integer(full, v); break;
          case "bulkhead.maxWait": bulkheadWait[0] = duration(full, v); break;
          case "rateLimit.calls": rateCalls[0] = positiveLong(full, v); break;
          case "rateLimit.period": ratePeriod[0] = duration(full, v); break;
          case "rateLimit.maxWait": rateWait[0] = duration(full, v); break;
          case "cache.enabled": cacheOff[0] = !bool(full, v); break;
          case "cache.ttl": cacheTtl[0] = duration(full, v); break;
          case "cache.maxSize": cacheSize[0] = positiveLong(full, v); break;
          case "budget.tokens": budget[0] = positiveLong(full, v); break;
          case "budget.window": window[0] = duration(full, v); break;
          case "budget.outputReserve": b.outputReserve(positiveLong(full, v)); break;
          case "degraded":
            if (v.equals("none")) {
              b.noDegradedResponder();
            } else if (!v.equals("offline")) {
              throw new GatewayConfigException(full, "must be 'offline' or 'none', was '" + v + "'");
            }
            break;
          default:
            throw new GatewayConfigException(full, "unknown key (see docs/configuration.md for every key)");
        }
      } catch (IllegalArgumentException bad) {
        throw new GatewayConfigException(full, bad.getMessage(), bad);
      }
    }
    apply(() -> b.backoff(or(backoff[0], Duration.ofMillis(200)), or(backoff[1], Duration.ofSeconds(5))), "modelbridge.retry.maxDelay");
    apply(() -> b.circuitBreaker(or(breaker[0], 5), or(breakerDelay[0], Duration.ofSeconds(30))), "modelbridge.breaker.delay");
    apply(() -> b.bulkhead(or(bulkhead[0], 16), or(bulkheadWait[0], Duration.ofSeconds(1))), "modelbridge.bulkhead.maxConcurrent");
    if (rateCalls[0] != null) {
      apply(() -> b.rateLimit(rateCalls[0], or(ratePeriod[0], Duration.ofSeconds(1)), or(rateWait[0], Duration.ZERO)),
          "modelbridge.rateLimit.calls");
    } else if (ratePeriod[0] != null || rateWait[0] != null) {
      throw new GatewayConfigException("modelbridge.rateLimit.calls", "missing; rateLimit.period and rateLimit.maxWait need it");
    }
    if (cacheOff[0]) {
      b.noCache();
    } else {
      apply(() -> b.cache(or(cacheTtl[0], Duration.ofMinutes(10)), or(cacheSize[0], 10_000L)), "modelbridge.cache.ttl");
    }
    if (budget[0] != null) {
      b.tokenBudget(budget[0], or(window[0], Duration.ofHours(1)));
    } else if (window[0] != null) {
      throw new GatewayConfigException("modelbridge.budget.window", "set modelbridge.budget.tokens too, or remove the window");
    }
    if (providers.isEmpty()) {
      throw new GatewayConfigException(PREFIX + "providers[0].type",
          "no provider configured; add at least one (openai, ollama, or offline for the built-in offline model)");
    }
    int expected = 0;
    for (Map.Entry<Integer, Map<String, String>> p : providers.entrySet()) {
      String prefix = PREFIX + "providers[" + p.getKey() + "].";
      if (p.getKey() != expected++) {
        throw new GatewayConfigException(prefix + "type", "provider indexes must count up from 0 without gaps");
      }
      addProvider(b, prefix, p.getValue());
    }
    return b;
  }

  private static void addProvider(ModelGateway.Builder b, String prefix, Map<String, String> p) {
    String type = p.get("type");
    if (type == null) {
      throw new GatewayConfigException(prefix + "type", "missing; set openai, ollama or offline");
    }
    String name = p.getOrDefault("name", type);
    try {
      switch (type) {
        case "openai":
          b.openAiCompatible(name, required(prefix, p, "baseUrl"), p.getOrDefault("apiKey", "none"), required(prefix, p, "model"));
          break;
        case "ollama":
          only(prefix, p, "apiKey");
          b.ollama(name, required(prefix, p, "baseUrl"), required(prefix, p, "model"));
          break;
        case "offline":
          only(prefix, p, "apiKey", "baseUrl", "model");
          b.providerWithOwnTimeout(name, new io.modelbridge.core.offline.OfflineChatModel());
          break;
        default:
          throw new GatewayConfigException(prefix + "type", "must be openai, ollama or offline, was '" + type + "'");
      }
    } catch (IllegalArgumentException bad) {
      throw new GatewayConfigException(prefix + "name", bad.getMessage(), bad);
    }
  }

  private static void only(String prefix, Map<String, String> p, String... notAllowed) {
    for (String k : notAllowed) {
      if (p.containsKey(k)) {
        throw new GatewayConfigException(prefix + k, "not used by provider type '" + p.get("type") + "'; remove it");
      }
    }
  }

  private static String required(String prefix, Map<String, String> p, String key) {
    String v = p.get(key);
    if (v == null || v.isBlank()) {
      throw new GatewayConfigException(prefix + key, "missing; provider type '" + p.get("type") + "' needs it");
    }
    return v;
  }

  private static void apply(Runnable step, String key) {
    try {
      step.run();
    } catch (IllegalArgumentException bad) {
      throw new GatewayConfigException(key, bad.getMessage(), bad);
    }
  }

  private static <T> T or(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static String resolveEnv(String key, String value) {
    Matcher m = ENV.matcher(value);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String env = System.getenv(m.group(1));
      if (env == null) {
        throw new GatewayConfigException(key, "refers to environment variable " + m.group(1) + ", which is not set");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(env));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  static Duration duration(String key, String v) {
    Matcher m = DURATION.matcher(v);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms": return Duration.ofMillis(n);
        case "s": return Duration.ofSeconds(n);
        case "m": return Duration.ofMinutes(n);
        case "h": return Duration.ofHours(n);
        default: return Duration.ofDays(n);
      }
    }
    try {
      return Duration.parse(v);
    } catch (DateTimeParseException e) {
      throw new GatewayConfigException(key, "'" + v + "' is not a duration; write for example 500ms, 2s, 5m, 1h or PT2S");
    }
  }

  private static int integer(String key, String v) {
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new GatewayConfigException(key, "'" + v + "' is not a whole number");
    }
  }

  private static long positiveLong(String key, String v) {
    long n;
    try {
      n = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new GatewayConfigException(key, "'" + v + "' is not a whole number");
    }
    if (n < 0) {
      throw new GatewayConfigException(key, "must not be negative, was " + n);
    }
    return n;
  }

  private static double decimal(String key, String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new GatewayConfigException(key, "'" + v + "' is not a number");
    }
  }

  private static boolean bool(String key, String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new GatewayConfigException(key, "must be true or false, was '" + v + "'");
  }
}
