package io.modelbridge.adapters.spi;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed configuration for one adapter instance: text values (from a properties or YAML file) and live
 * objects handed over by the embedder (a {@code DataSource}, a secret provider).
 *
 * <p>{@link #validate(List)} checks it against the keys a provider declares: an unknown key, a missing
 * required key or a value of the wrong type fails with {@link InvalidAdapterConfigException} naming the key.
 * Typed getters then read values, applying declared defaults.
 */
public final class AdapterConfig {

  private final String systemId;
  private final Map<String, String> values;
  private final Map<String, Object> objects;

  private AdapterConfig(String systemId, Map<String, String> values, Map<String, Object> objects) {
    this.systemId = systemId;
    this.values = values;
    this.objects = objects;
  }

  /** A builder for the configuration of system {@code systemId}. */
  public static Builder builder(String systemId) {
    return new Builder(systemId);
  }

  /** The id the adapter will report as {@link AdapterDescriptor#systemId()}. */
  public String systemId() {
    return systemId;
  }

  /** The names of every key given, text and object. */
  public Set<String> keys() {
    Set<String> all = new TreeSet<>(values.keySet());
    all.addAll(objects.keySet());
    return all;
  }

  /**
   * Checks this configuration against the keys a provider declares.
   *
   * @throws InvalidAdapterConfigException naming the first unknown, missing or malformed key
   */
  public AdapterConfig validate(List<ConfigKey> declared) {
    Map<String, ConfigKey> byName = new LinkedHashMap<>();
    declared.forEach(k -> byName.put(k.name(), k));
    for (String key : keys()) {
      if (!byName.containsKey(key)) {
        throw new InvalidAdapterConfigException(systemId, key,
            "is not a known key; known keys: " + byName.keySet());
      }
    }
    for (ConfigKey k : declared) {
      boolean given = values.containsKey(k.name()) || objects.containsKey(k.name());
      if (k.required() && !given) {
        throw new InvalidAdapterConfigException(systemId, k.name(), "is required: " + k.description());
      }
      if (values.containsKey(k.name())) {
        parse(k, values.get(k.name()));
      }
      if (k.type() == ConfigKey.Type.OBJECT && values.containsKey(k.name())) {
        throw new InvalidAdapterConfigException(systemId, k.name(),
            "must be handed over as an object (Builder.object), not as text");
      }
    }
    return this;
  }

  /** A text value, or the declared default. */
  public Optional<String> string(ConfigKey key) {
    String v = values.get(key.name());
    return v != null ? Optional.of(v) : key.defaultValue();
  }

  /** A required text value. @throws InvalidAdapterConfigException if absent with no default */
  public String requireString(ConfigKey key) {
    return string(key).orElseThrow(() -> new InvalidAdapterConfigException(systemId, key.name(), "is required"));
  }

  /** An integer value, or the declared default. */
  public Optional<Long> integer(ConfigKey key) {
    return string(key).map(v -> (Long) parse(key, v));
  }

  /** A boolean value, or the declared default. */
  public Optional<Boolean> bool(ConfigKey key) {
    return string(key).map(v -> (Boolean) parse(key, v));
  }

  /** A duration value, or the declared default. */
  public Optional<Duration> duration(ConfigKey key) {
    return string(key).map(v -> (Duration) parse(key, v));
  }

  /** A path value, or the declared default. */
  public Optional<Path> path(ConfigKey key) {
    return string(key).map(v -> (Path) parse(key, v));
  }

  /**
   * A live object handed over by the embedder.
   *
   * @throws InvalidAdapterConfigException if it is there but not of {@code type}
   */
  public <T> Optional<T> object(ConfigKey key, Class<T> type) {
    Object o = objects.get(key.name());
    if (o == null) {
      return Optional.empty();
    }
    if (!type.isInstance(o)) {
      throw new InvalidAdapterConfigException(systemId, key.name(),
          "must be a " + type.getName() + " but is a " + o.getClass().getName());
    }
    return Optional.of(type.cast(o));
  }

  private Object parse(ConfigKey key, String raw) {
    try {
      return switch (key.type()) {
        case STRING, OBJECT -> raw;
        case INTEGER -> Long.parseLong(raw.trim());
        case BOOLEAN -> {
          String t = raw.trim();
          if (!t.equalsIgnoreCase("true") && !t.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("expected true or false");
          }
          yield Boolean.parseBoolean(t);
        }
        case DURATION -> {
          String t = raw.trim();
          yield t.chars().allMatch(Character::isDigit) ? Duration.ofMillis(Long.parseLong(t)) : Duration.parse(t);
        }
        case PATH -> Path.of(raw);
      };
    } catch (RuntimeException e) {
      String shown = key.secret() ? "(secret)" : "'" + raw + "'";
      throw new InvalidAdapterConfigException(systemId, key.name(),
          "has value " + shown + ", which is not a valid " + key.type()
              // the parser's message repeats the value, so a secret's is left out
              + (key.secret() ? "" : " (" + e.getMessage() + ")"));
    }
  }

  @Override
  public String toString() {
    // Values are not shown: any of them may be a credential.
    return "AdapterConfig[systemId=" + systemId + ", keys=" + keys() + "]";
  }

  /** Builds an {@link AdapterConfig}. */
  public static final class Builder {
    private final String systemId;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Object> objects = new LinkedHashMap<>();

    private Builder(String systemId) {
      this.systemId = Checks.requireText(systemId, "systemId");
    }

    /** Sets a text value. */
    public Builder set(String key, String value) {
      values.put(Checks.requireText(key, "key"), Objects.requireNonNull(value, () -> key + " cannot be null"));
      return this;
    }

    /** Sets every entry of {@code map} as a text value. */
    public Builder setAll(Map<String, String> map) {
      map.forEach(this::set);
      return this;
    }

    /** Hands over a live object (a {@code DataSource}, a secret provider). */
    public Builder object(String key, Object value) {
      objects.put(Checks.requireText(key, "key"), Objects.requireNonNull(value, () -> key + " cannot be null"));
      return this;
    }

    /** The configuration; not yet validated against a provider's keys. */
    public AdapterConfig build() {
      return new AdapterConfig(systemId,
          Collections.unmodifiableMap(new LinkedHashMap<>(values)),
          Collections.unmodifiableMap(new LinkedHashMap<>(objects)));
    }
  }
}
