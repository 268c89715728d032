package io.modelbridge.pipeline.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.json.ConfigDocument;
import io.modelbridge.json.ConfigFileException;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.MappingDefinitionException;
import io.modelbridge.mapping.Rule;
import io.modelbridge.mapping.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A domain pack: business knowledge as versioned configuration. A directory {@code <id>/<version>/} holding
 * {@code pack.yaml} (id, version, glossary, canonical entities, parameters, tasks) and the files it names
 * (prompt templates, output JSON Schemas). Rules use the data-mapping rule language. Loaded from disk
 * ({@link #load(Path)}) or the classpath ({@link #loadResource(String, String)}); two versions can be loaded
 * side by side. Immutable and thread-safe. The format is described in {@code docs/domain-packs.md}.
 */
public final class DomainPack {

  /** The placeholders a template may use; {@code params.*} names any pack parameter. */
  public static final Set<String> PLACEHOLDERS = Set.of("question", "data", "context", "glossary", "schema",
      "task", "pack.id", "pack.version", "params.*");

  private static final ObjectMapper JSON = DataJson.mapper();
  private static final Set<String> TOP_KEYS = Set.of("id", "version", "description", "glossary", "entities",
      "params", "tasks");
  private static final Set<String> TASK_KEYS = Set.of("template", "schema", "rules", "each", "action", "context",
      "allowDegradedWrites");
  private static final Set<String> CONTEXT_KEYS = Set.of("maxTokens", "answerTokens", "selection", "by");

  private final String id;
  private final String version;
  private final String description;
  private final Map<String, String> glossary;
  private final List<String> entities;
  private final Map<String, Object> params;
  private final Map<String, PackTask> tasks;

  private DomainPack(String id, String version, String description, Map<String, String> glossary,
      List<String> entities, Map<String, Object> params, Map<String, PackTask> tasks) {
    this.id = id;
    this.version = version;
    this.description = description;
    this.glossary = glossary;
    this.entities = entities;
    this.params = params;
    this.tasks = tasks;
  }

  /**
   * Loads a pack from a directory holding {@code pack.yaml}.
   *
   * @throws PackLoadException if a file is missing or invalid (names the file, the key and what to do)
   */
  public static DomainPack load(Path directory) {
    Objects.requireNonNull(directory, "directory cannot be null");
    return parse(name -> {
      Path f = directory.resolve(name).normalize();
      if (!f.startsWith(directory.normalize())) {
        throw new PackLoadException(f.toString(), "(file)", "files must stay inside the pack directory", null);
      }
      try {
        return Optional.of(Files.readString(f, StandardCharsets.UTF_8));
      } catch (java.nio.file.NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new PackLoadException(f.toString(), "(file)", "cannot be read: " + e.getMessage(), e);
      }
    }, directory.toString());
  }

  /**
   * Loads {@code packs/<id>/<version>/pack.yaml} and its files from the classpath.
   *
   * @throws PackLoadException if a file is missing or invalid
   */
  public static DomainPack loadResource(String id, String version) {
    Objects.requireNonNull(id, "id cannot be null");
    Objects.requireNonNull(version, "version cannot be null");
    String base = "packs/" + id + "/" + version + "/";
    ClassLoader cl = Optional.ofNullable(Thread.currentThread().getContextClassLoader())
        .orElse(DomainPack.class.getClassLoader());
    return parse(name -> {
      try (InputStream in = cl.getResourceAsStream(base + name)) {
        return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new PackLoadException("classpath:" + base + name, "(file)", "cannot be read: " + e.getMessage(), e);
      }
    }, "classpath:" + base);
  }

  /**
   * Loads a pack from a location taken from configuration: {@code classpath:<id>/<version>} or a directory
   * path. Switching pack version is a change of this text only.
   *
   * @throws PackLoadException if the location is malformed or the pack invalid
   */
  public static DomainPack fromLocation(String location) {
    Objects.requireNonNull(location, "location cannot be null");
    if (location.startsWith("classpath:")) {
      String[] parts = location.substring("classpath:".length()).split("/");
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw new PackLoadException(location, "(location)",
            "write classpath:<id>/<version>, for example classpath:retail/1.0.0", null);
      }
      return loadResource(parts[0], parts[1]);
    }
    return load(Path.of(location));
  }

  private interface Files2 {
    Optional<String> read(String name);
  }

  private static DomainPack parse(Files2 files, String where) {
    String packFile = where + (where.endsWith("/") ? "" : "/") + "pack.yaml";
    String text = files.read("pack.yaml").orElseThrow(() -> new PackLoadException(packFile, "(file)",
        "pack.yaml is missing; a pack is a directory <id>/<version>/ with pack.yaml in it", null));
    JsonNode root;
    try {
      root = ConfigDocument.parse(text, packFile, ConfigDocument.Format.YAML).tree();
    } catch (ConfigFileException e) {
      throw notWellFormed(e);
    }
    if (root == null || !root.isObject()) {
      throw new PackLoadException(packFile, "(file)", "must be a YAML mapping with id, version and tasks", null);
    }
    unknownKeys(root, TOP_KEYS, packFile, "");
    String id = text(root, "id", packFile, "");
    String version = text(root, "version", packFile, "");
    if (!version.matches("\\d+\\.\\d+\\.\\d+([-.][A-Za-z0-9.]+)?")) {
      throw new PackLoadException(packFile, "version", "must be a semantic version like 1.0.0, was '" + version + "'", null);
    }
    String description = root.path("description").asText("");
    Map<String, String> glossary = new LinkedHashMap<>();
    JsonNode g = root.path("glossary");
    if (!g.isMissingNode()) {
      if (!g.isObject()) {
        throw new PackLoadException(packFile, "glossary", "must map terms to their meaning", null);
      }
      g.fields().forEachRemaining(e -> glossary.put(e.getKey(), e.getValue().asText()));
    }
    List<String> entities = new ArrayList<>();
    root.path("entities").forEach(n -> entities.add(n.asText()));
    Map<String, Object> params = new LinkedHashMap<>();
    JsonNode p = root.path("params");
    if (!p.isMissingNode()) {
      if (!p.isObject()) {
        throw new PackLoadException(packFile, "params", "must map parameter names to values", null);
      }
      p.fields().forEachRemaining(e -> params.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class)));
    }
    JsonNode t = root.path("tasks");
    if (!t.isObject() || t.size() == 0) {
      throw new PackLoadException(packFile, "tasks", "needs at least one task (name: {template, schema, rules})", null);
    }
    Map<String, PackTask> tasks = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = t.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      tasks.put(e.getKey(), task(e.getKey(), e.getValue(), files, where, packFile, params.keySet()));
    }
    return new DomainPack(id, version, description, Map.copyOf(glossary), List.copyOf(entities),
        java.util.Collections.unmodifiableMap(params), java.util.Collections.unmodifiableMap(tasks));
  }

  private static PackTask task(String name, JsonNode node, Files2 files, String where, String packFile,
      Set<String> paramNames) {
    String k = "tasks." + name;
    if (!node.isObject()) {
      throw new PackLoadException(packFile, k, "must be a mapping with template, schema and rules", null);
    }
    unknownKeys(node, TASK_KEYS, packFile, k + ".");
    String templateFile = text(node, "template", packFile, k + ".");
    String templateText = files.read(templateFile).orElseThrow(() -> new PackLoadException(packFile,
        k + ".template", "names '" + templateFile + "', which is not in the pack directory " + where, null));
    Template template;
    try {
      template = Template.parse(templateText, PLACEHOLDERS);
    } catch (IllegalArgumentException e) {
      throw new PackLoadException(where + "/" + templateFile, "(template)", e.getMessage(), e);
    }
    for (String ph : template.placeholders()) {
      if (ph.startsWith("params.") && !paramNames.contains(ph.substring(7))) {
        throw new PackLoadException(where + "/" + templateFile, "{{" + ph + "}}",
            "no such parameter in pack.yaml params; add it there or fix the placeholder", null);
      }
    }
    String schemaFile = text(node, "schema", packFile, k + ".");
    String schema = files.read(schemaFile).orElseThrow(() -> new PackLoadException(packFile, k + ".schema",
        "names '" + schemaFile + "', which is not in the pack directory " + where, null));
    Validator answerCheck;
    try {
      ConfigDocument.parse(schema, where + "/" + schemaFile, ConfigDocument.Format.JSON);
      // The schema describes the answer; the rules see {answer, params}, so the schema is nested.
      String wrapped = "{\"type\":\"object\",\"properties\":{\"answer\":" + schema + "},\"required\":[\"answer\"]}";
      answerCheck = Validator.of(Optional.of(wrapped), rules(node.path("rules"), packFile, k + ".rules"), Set.of());
    } catch (ConfigFileException e) {
      throw notWellFormed(e);
    } catch (MappingDefinitionException e) {
      throw new PackLoadException(packFile, k + ".rules", e.getMessage() + "; fix the rule or the schema", e);
    }
    Optional<PackTask.EachCheck> each = Optional.empty();
    JsonNode en = node.path("each");
    if (!en.isMissingNode()) {
      String ek = k + ".each.";
      unknownKeys(en, Set.of("path", "key", "source", "rules"), packFile, ek);
      try {
        each = Optional.of(new PackTask.EachCheck(text(en, "path", packFile, ek), text(en, "key", packFile, ek),
            text(en, "source", packFile, ek), Validator.ofRules(rules(en.path("rules"), packFile, ek + "rules"), Set.of())));
      } catch (MappingDefinitionException e) {
        throw new PackLoadException(packFile, ek + "rules", e.getMessage() + "; fix the rule", e);
      }
    }
    Optional<PackTask.Action> action = Optional.empty();
    JsonNode an = node.path("action");
    if (!an.isMissingNode()) {
      String ak = k + ".action.";
      unknownKeys(an, Set.of("system", "operation", "source", "key", "get", "arguments"), packFile, ak);
      Map<String, String> args = new LinkedHashMap<>();
      JsonNode argNode = an.path("arguments");
      if (!argNode.isObject() || argNode.size() == 0) {
        throw new PackLoadException(packFile, ak + "arguments", "must map the operation's arguments to"
            + " {{answer.field}} / {{record.field}} templates", null);
      }
      argNode.fields().forEachRemaining(e -> args.put(e.getKey(), e.getValue().asText()));
      action = Optional.of(new PackTask.Action(text(an, "system", packFile, ak), text(an, "operation", packFile, ak),
          text(an, "source", packFile, ak), text(an, "key", packFile, ak), text(an, "get", packFile, ak),
          java.util.Collections.unmodifiableMap(args)));
    }
    JsonNode dw = node.path("allowDegradedWrites");
    if (!dw.isMissingNode() && !dw.isBoolean()) {
      throw new PackLoadException(packFile, k + ".allowDegradedWrites", "must be true or false, was '"
          + dw.asText() + "'", null);
    }
    if (dw.asBoolean(false) && action.isEmpty()) {
      throw new PackLoadException(packFile, k + ".allowDegradedWrites", "is set but the task has no action;"
          + " remove it or add the action it is meant for", null);
    }
    return new PackTask(name, template, schema, answerCheck, each, action,
        context(node.path("context"), packFile, k + ".context"), dw.asBoolean(false));
  }

  private static PackTask.Context context(JsonNode node, String file, String key) {
    if (node.isMissingNode()) {
      return PackTask.Context.DEFAULT;
    }
    unknownKeys(node, CONTEXT_KEYS, file, key + ".");
    OptionalInt maxTokens = tokens(node, "maxTokens", 1, file, key);
    OptionalInt answerTokens = tokens(node, "answerTokens", 0, file, key);
    PackTask.Selection selection = PackTask.Selection.AS_FETCHED;
    JsonNode sel = node.path("selection");
    if (!sel.isMissingNode()) {
      switch (sel.asText("")) {
        case "as-fetched": selection = PackTask.Selection.AS_FETCHED; break;
        case "newest-first": selection = PackTask.Selection.NEWEST_FIRST; break;
        case "oldest-first": selection = PackTask.Selection.OLDEST_FIRST; break;
        default:
          throw new PackLoadException(file, key + ".selection", "must be as-fetched, newest-first or oldest-first,"
              + " was '" + sel.asText() + "'", null);
      }
    }
    Optional<String> by = node.has("by") ? Optional.of(text(node, "by", file, key + ".")) : Optional.empty();
    if (selection != PackTask.Selection.AS_FETCHED && by.isEmpty()) {
      throw new PackLoadException(file, key + ".by", "is required with selection " + sel.asText()
          + ": name the canonical field to order the records by (for example order_date)", null);
    }
    if (selection == PackTask.Selection.AS_FETCHED && by.isPresent()) {
      throw new PackLoadException(file, key + ".by", "orders nothing with selection as-fetched; set selection"
          + " newest-first or oldest-first, or remove by", null);
    }
    return new PackTask.Context(maxTokens, answerTokens, selection, by);
  }

  private static OptionalInt tokens(JsonNode node, String field, int min, String file, String key) {
    JsonNode v = node.path(field);
    if (v.isMissingNode()) {
      return OptionalInt.empty();
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < min) {
      throw new PackLoadException(file, key + "." + field, "must be a whole number of tokens of at least " + min
          + ", was '" + v.asText() + "'", null);
    }
    return OptionalInt.of(v.intValue());
  }

  private static List<Rule> rules(JsonNode node, String file, String key) {
    List<Rule> out = new ArrayList<>();
    if (node.isMissingNode()) {
      return out;
    }
    if (!node.isArray()) {
      throw new PackLoadException(file, key, "must be a list of {name, check, when, message}", null);
    }
    int i = 0;
    for (JsonNode r : node) {
      String rk = key + "[" + i++ + "]";
      unknownKeys(r, Set.of("name", "check", "when", "message"), file, rk + ".");
      String when = r.path("when").asText("");
      out.add(new Rule(text(r, "name", file, rk + "."), text(r, "check", file, rk + "."),
          when.isBlank() ? Optional.empty() : Optional.of(when), r.path("message").asText("")));
    }
    return out;
  }

  private static void unknownKeys(JsonNode node, Set<String> known, String file, String prefix) {
    if (!node.isObject()) {
      throw new PackLoadException(file, prefix.isEmpty() ? "(file)" : prefix.substring(0, prefix.length() - 1),
          "must be a mapping", null);
    }
    node.fieldNames().forEachRemaining(n -> {
      if (!known.contains(n)) {
        throw new PackLoadException(file, prefix + n, "is not a known key; known keys here: "
            + new java.util.TreeSet<>(known), null);
      }
    });
  }

  private static String text(JsonNode node, String field, String file, String prefix) {
    JsonNode v = node.path(field);
    if (!v.isValueNode() || v.asText().isBlank()) {
      throw new PackLoadException(file, prefix + field, "is required and must be non-empty text", null);
    }
    return v.asText();
  }

  /** A syntax error or duplicate key of a pack file, naming its line and column. */
  private static PackLoadException notWellFormed(ConfigFileException e) {
    String at = e.line().isPresent() ? "line " + e.line().getAsInt()
        + (e.column().isPresent() ? ", column " + e.column().getAsInt() : "") + ": " : "";
    return new PackLoadException(e.origin(), e.keyPath().orElse("(file)"), at + e.problem(), e);
  }

  /** The pack id (for example {@code retail}). */
  public String id() {
    return id;
  }

  /** The pack version (semantic version). */
  public String version() {
    return version;
  }

  /** What the pack is for; may be empty. */
  public String description() {
    return description;
  }

  /** Business terms and their meaning, shown to the model. */
  public Map<String, String> glossary() {
    return glossary;
  }

  /** The canonical entities the pack works on. */
  public List<String> entities() {
    return entities;
  }

  /** The pack parameters (for example {@code maxDiscount}), visible to rules as {@code params.x}. */
  public Map<String, Object> params() {
    return params;
  }

  /** The task names. */
  public Set<String> taskNames() {
    return tasks.keySet();
  }

  /** The task {@code name}, if the pack has it. */
  public Optional<PackTask> task(String name) {
    return Optional.ofNullable(tasks.get(name));
  }

  @Override
  public String toString() {
    return "DomainPack[" + id + " " + version + ", tasks " + tasks.keySet() + "]";
  }
}
