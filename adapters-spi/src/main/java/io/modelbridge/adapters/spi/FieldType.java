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

  /**
   * Reads an argument as a value of this type: the one rule set every adapter and host applies, so the same
   * call gets the same verdict on every system. Nothing is guessed, trimmed or rounded:
   *
   * <table>
   *   <caption>What each type accepts</caption>
   *   <tr><th>type</th><th>accepts</th><th>refuses</th></tr>
   *   <tr><td>STRING</td><td>any text ({@link CharSequence}), kept exactly, spaces included</td>
   *       <td>numbers, booleans, anything else</td></tr>
   *   <tr><td>INTEGER ({@link Long})</td><td>{@code Long}, {@code Integer}, {@code Short}, {@code Byte},
   *       {@code BigInteger}; a {@code BigDecimal}, {@code Double} or {@code Float} whose value is whole
   *       ({@code 42.0} and {@code 4.2E+1} are 42, as JSON Schema's {@code integer} says); a text of ASCII digits
   *       with an optional sign ({@code "42"}, {@code "-7"}, {@code "+7"})</td>
   *       <td>a fraction ({@code 42.5}); a text with a point, an exponent or spaces ({@code "42.0"},
   *       {@code "4e2"}, {@code " 42 "}); anything outside the {@code long} range; NaN and infinities</td></tr>
   *   <tr><td>DECIMAL ({@link java.math.BigDecimal})</td><td>{@code BigDecimal} as is (scale kept: 1.50 stays
   *       1.50); integral numbers; a text of digits with an optional sign, fraction and exponent
   *       ({@code "12.50"}, {@code "-1.25E+1"}); a {@code Double} or {@code Float} through its
   *       {@code toString()} (the shortest decimal that reads back as the same binary number, so 0.1 gives 0.1):
   *       the only path from a binary float, never {@code new BigDecimal(double)}</td>
   *       <td>NaN and infinities; a text with spaces or another form ({@code ".5"}, {@code "1,5"},
   *       {@code "0x10"}); more than 1000 digits before or after the point</td></tr>
   *   <tr><td>BOOLEAN</td><td>{@code Boolean}; the texts {@code "true"} and {@code "false"} in lower case</td>
   *       <td>{@code "yes"}, {@code "1"}, {@code "TRUE"}, numbers</td></tr>
   *   <tr><td>DATE ({@link java.time.LocalDate})</td><td>{@code LocalDate}; a text {@code uuuu-MM-dd} with a
   *       four-digit year, read with {@link java.time.format.ResolverStyle#STRICT}</td>
   *       <td>a day not in the calendar ({@code "2023-02-30"}, never moved to February 28), other forms
   *       ({@code "31.12.2024"}, {@code "2024-1-5"}), a date-time</td></tr>
   *   <tr><td>TIMESTAMP ({@link java.time.Instant})</td><td>{@code Instant}; {@code OffsetDateTime} and
   *       {@code ZonedDateTime} as their instant; a text {@code uuuu-MM-ddTHH:mm[:ss[.fraction]]} ending in
   *       {@code Z} or an offset {@code +hh:mm}/{@code -hh:mm} (RFC 3339), read strictly and returned as the
   *       instant it names: {@code "2024-01-01T01:00:00+01:00"} and {@code "2024-01-01T00:00:00Z"} are the same
   *       value; the offset itself is not kept</td>
   *       <td>a text without offset (it names no instant), with a lower-case {@code t} or
   *       {@code z}, or naming a time not in the calendar</td></tr>
   * </table>
   *
   * <p>A reason names what was expected and the kind of value given (a text, a number), never the value,
   * so it can be shown even when the field holds personal data.
   *
   * @param value the argument; an absent argument is left out, never passed as {@code null}
   * @return the value as {@link #javaType()}, or the reason it was refused
   * @throws NullPointerException if {@code value} is null
   * @since SPI 2
   */
  public Coercion coerce(Object value) {
    return Coercions.coerce(this, value);
  }

  /**
   * What a valid argument of this type looks like, for messages and tool descriptions (for example
   * {@code "a date written uuuu-MM-dd, such as 2024-05-31"}).
   *
   * @since SPI 2
   */
  public String expectation() {
    return Coercions.expectation(this);
  }
}
