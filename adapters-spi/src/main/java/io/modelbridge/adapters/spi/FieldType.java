package io.modelbridge.adapters.spi;

/**
 * The type of a field, with the Java type its values have in an {@link AdapterRecord} and the JSON Schema
 * type it is published as.
 */
public enum FieldType {
  /** {@link String}; JSON Schema {@code string}. */
  STRING("string", null, String.class),
  /** {@link Long}; JSON Schema {@code integer}. */
  INTEGER("integer", null, Long.class),
  /** {@link java.math.BigDecimal} (money, quantities); JSON Schema {@code number}. */
  DECIMAL("number", null, java.math.BigDecimal.class),
  /** {@link Boolean}; JSON Schema {@code boolean}. */
  BOOLEAN("boolean", null, Boolean.class),
  /** {@link java.time.LocalDate}; JSON Schema {@code string} with format {@code date}. */
  DATE("string", "date", java.time.LocalDate.class),
  /** {@link java.time.Instant}; JSON Schema {@code string} with format {@code date-time}. */
  TIMESTAMP("string", "date-time", java.time.Instant.class);

  private final String jsonType;
  private final String jsonFormat;
  private final Class<?> javaType;

  FieldType(String jsonType, String jsonFormat, Class<?> javaType) {
    this.jsonType = jsonType;
    this.jsonFormat = jsonFormat;
    this.javaType = javaType;
  }

  /** The JSON Schema {@code type}. */
  public String jsonType() {
    return jsonType;
  }

  /** The JSON Schema {@code format}, if any. */
  public java.util.Optional<String> jsonFormat() {
    return java.util.Optional.ofNullable(jsonFormat);
  }

  /** The Java type of values of this field in an {@link AdapterRecord}. */
  public Class<?> javaType() {
    return javaType;
  }
}
