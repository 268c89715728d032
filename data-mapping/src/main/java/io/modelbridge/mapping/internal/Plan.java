package io.modelbridge.mapping.internal;

import io.modelbridge.adapters.spi.Masking;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.CanonicalEntity;
import io.modelbridge.mapping.FieldSpec;
import io.modelbridge.mapping.MappingDefinitionException;
import io.modelbridge.mapping.MappingOutcome;
import io.modelbridge.mapping.MappingSpec;
import io.modelbridge.mapping.Rejection;
import io.modelbridge.mapping.SourceRecord;
import io.modelbridge.mapping.Validator;
import io.modelbridge.mapping.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The executable form of a {@link MappingSpec}: immutable after construction, so thread-safe. */
public final class Plan {

  private final MappingSpec spec;
  private final CompiledField[] fields;
  private final FieldPath[] keySources;
  private final Validator validator;
  private final Set<String> personal;
  /** Whether a key field is personal: the key is then masked in rejections and violations. */
  private final boolean personalKey;
  private final int capacity;

  /**
   * Compiles a spec.
   *
   * @param schemaJson the JSON Schema text already read, if the mapping has one
   * @throws MappingDefinitionException if anything in the spec is invalid
   */
  public Plan(MappingSpec spec, Optional<String> schemaJson) {
    this.spec = spec;
    List<CompiledField> compiled = new ArrayList<>();
    Set<String> targets = new HashSet<>();
    Set<String> personalFields = new LinkedHashSet<>();
    for (FieldSpec f : spec.fields()) {
      if (!targets.add(f.target())) {
        throw new MappingDefinitionException(
            "mapping '" + spec.name() + "' maps field '" + f.target() + "' twice; remove one");
      }
      if (f.personal()) {
        personalFields.add(f.target());
      }
    }
    schemaJson.ifPresent(json -> personalFields.addAll(personalInSchema(json)));
    this.personal = Set.copyOf(personalFields);
    PersonalPaths personalPaths = PersonalPaths.of(personalFields);
    for (FieldSpec f : spec.fields()) {
      // personal through the mapping, the adapter's descriptor or the schema's x-personal, at any depth
      compiled.add(new CompiledField(spec.name(), f, f.personal() || personalPaths.covers(f.target())));
    }
    this.fields = compiled.toArray(new CompiledField[0]);
    List<FieldPath> keys = new ArrayList<>();
    for (String k : spec.key()) {
      CompiledField f = compiled.stream().filter(c -> c.spec.target().equals(k)).findFirst()
          .orElseThrow(() -> new MappingDefinitionException("mapping '" + spec.name() + "' key field '" + k
              + "' is not one of its fields " + targets));
      if (f.source == null || f.source.hasWildcard()) {
        throw new MappingDefinitionException("mapping '" + spec.name() + "' key field '" + k
            + "' must be read from a single source field");
      }
      keys.add(f.source);
    }
    this.keySources = keys.toArray(new FieldPath[0]);
    boolean keyPersonal = false;
    for (String k : spec.key()) {
      keyPersonal |= personalPaths.covers(io.modelbridge.adapters.spi.FieldPath.parse(k));
    }
    this.personalKey = keyPersonal;
    this.validator = Validator.of(schemaJson, spec.rules(), personal);
    this.capacity = Math.max(16, fields.length * 4 / 3 + 1);
  }

  /**
   * The property paths a JSON Schema marks with {@code "x-personal": true} (nested objects give
   * {@code address.street}, array items {@code lines[*].name}).
   */
  static Set<String> personalInSchema(String json) {
    Set<String> out = new LinkedHashSet<>();
    try {
      collectPersonal(DataJson.mapper().readTree(json), "", out, 0);
    } catch (java.io.IOException e) {
      throw new MappingDefinitionException("the JSON Schema is not valid JSON: " + e.getMessage(), e);
    }
    return out;
  }

  private static void collectPersonal(com.fasterxml.jackson.databind.JsonNode schema, String prefix, Set<String> out,
      int depth) {
    if (schema == null || !schema.isObject() || depth > 32) {
      return;
    }
    com.fasterxml.jackson.databind.JsonNode props = schema.get("properties");
    if (props != null && props.isObject()) {
      props.properties().forEach(e -> {
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        if (e.getValue().path("x-personal").asBoolean(false)) {
          out.add(path);
        }
        collectPersonal(e.getValue(), path, out, depth + 1);
      });
    }
    com.fasterxml.jackson.databind.JsonNode items = schema.get("items");
    if (items != null && !prefix.isEmpty()) {
      collectPersonal(items, prefix + "[*]", out, depth + 1);
    }
  }

  /** The spec this plan executes. */
  public MappingSpec spec() {
    return spec;
  }

  /** The personal field paths. */
  public Set<String> personal() {
    return personal;
  }

  /** Maps one record. Never throws for bad data. */
  public MappingOutcome map(SourceRecord record) {
    Object data = record.data();
    Optional<BadText.Found> bad = BadText.find(data);
    if (bad.isPresent()) {
      String key = key(record);
      return reject(record, key, List.of(bad.get().violation(key)));
    }
    Problems problems = new Problems();
    Map<String, Object> out = new LinkedHashMap<>(capacity);
    for (CompiledField f : fields) {
      try {
        f.apply(data, out, problems);
      } catch (RuntimeException e) {
        // a defect or an input no coercion anticipated: the record is rejected, never the batch
        problems.add(f.spec.target(), "internal", "", "could not map the field ("
            + e.getClass().getSimpleName() + "); report this with the mapping name");
      }
    }
    String key = key(record);
    if (!problems.isEmpty()) {
      String shown = shownKey(key);
      return reject(record, shown, problems.toViolations(shown));
    }
    if (!validator.isEmpty()) {
      String shown = shownKey(key);
      List<Violation> violations = validator.validate(shown, out);
      if (!violations.isEmpty()) {
        return reject(record, shown, violations);
      }
    }
    return new MappingOutcome.Delivered(new CanonicalEntity(spec.entity(), key, out, record.source()));
  }

  private MappingOutcome reject(SourceRecord record, String key, List<Violation> violations) {
    return new MappingOutcome.Rejected(
        new Rejection(spec.name(), key, record.source(), DataJson.toNode(record.data()), violations, record.origin()));
  }

  /** The key as messages show it: masked when a key field is personal (an e-mail used as the key). */
  private String shownKey(String key) {
    return personalKey ? Masking.mask(key) : key;
  }

  /** The record's key: from its source reference, else from the mapping's key fields. */
  public String key(SourceRecord record) {
    if (record.source().isPresent()) {
      return record.source().get().keyString();
    }
    if (keySources.length == 0) {
      return record.origin().orElse("(no key)");
    }
    StringBuilder sb = new StringBuilder();
    boolean missing = false;
    for (int i = 0; i < keySources.length; i++) {
      if (i > 0) {
        sb.append('|');
      }
      Object v;
      try {
        v = keySources[i].get(record.data());
      } catch (RuntimeException e) {
        v = null;
      }
      missing |= v == null;
      sb.append(v == null ? "?" : Masking.show(Coercions.text(v, true), false));
    }
    return missing && record.origin().isPresent() ? sb + " (" + record.origin().get() + ")" : sb.toString();
  }

  /** The reverse mapping of a canonical entity: its write-back fields in source shape. */
  public Map<String, Object> reverse(CanonicalEntity entity) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (CompiledField f : fields) {
      if (!f.reversible) {
        continue;
      }
      if (!f.arrayMode) {
        Object v = f.reverse(f.target.get(entity.fields()));
        if (v != null) {
          f.source.set(out, v, 0);
        }
        continue;
      }
      Object list = f.targetArray.get(entity.fields());
      if (!(list instanceof List)) {
        continue;
      }
      List<?> elements = (List<?>) list;
      List<Object> sourceList = sourceList(f, out);
      for (int i = 0; i < elements.size(); i++) {
        Object element = elements.get(i);
        Object canonical = f.targetElement == null ? element : f.targetElement.get(element);
        Object v = f.reverse(canonical);
        while (sourceList.size() <= i) {
          sourceList.add(f.sourceElement == null ? null : new LinkedHashMap<String, Object>());
        }
        if (v != null) {
          if (f.sourceElement == null) {
            sourceList.set(i, v);
          } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) sourceList.get(i);
            f.sourceElement.set(m, v, 0);
          }
        }
      }
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> sourceList(CompiledField f, Map<String, Object> out) {
    Object existing = f.sourceArray.get(out);
    if (existing instanceof List) {
      return (List<Object>) existing;
    }
    List<Object> list = new ArrayList<>();
    f.sourceArray.set(out, list, 0);
    return list;
  }

  /** Target fields the reverse mapping writes, and why the others are left out. */
  public Map<String, String> reverseCoverage() {
    Map<String, String> out = new LinkedHashMap<>();
    for (CompiledField f : fields) {
      out.put(f.spec.target(), f.reversible ? "written back to '" + f.spec.source().orElseThrow() + "'"
          : "not written back: " + f.whyNotReversible);
    }
    return out;
  }
}
