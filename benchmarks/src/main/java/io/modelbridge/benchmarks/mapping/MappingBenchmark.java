package io.modelbridge.benchmarks.mapping;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelbridge.json.DataJson;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.mapping.MappingOutcome;
import io.modelbridge.mapping.SourceRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Mapping one 20-field order record (text dates, text decimals, codes, a Y/N flag, grams) to the canonical
 * order: the compiled {@link Mapping} against the same conversions written by hand and against Jackson
 * {@code convertValue} into an annotated POJO (renames and number coercion only; it cannot do code tables,
 * units or Y/N booleans, so it does less work than the other two).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MappingBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class MappingBenchmark {

  static final String ORDER_MAPPING = String.join("\n",
      "name: bench-orders",
      "entity: order",
      "key: [orderId]",
      "fields:",
      "  - {target: orderId, from: ORDER_ID, type: integer, required: true}",
      "  - {target: customerId, from: CUSTOMER_ID, required: true}",
      "  - {target: employeeId, from: EMPLOYEE_ID, type: integer}",
      "  - {target: orderDate, from: ORDER_DATE, type: date, required: true}",
      "  - {target: requiredDate, from: REQUIRED_DATE, type: date}",
      "  - {target: shippedDate, from: SHIPPED_DATE, type: date}",
      "  - {target: shipVia, from: SHIP_VIA, type: integer}",
      "  - {target: freight, from: FREIGHT, type: decimal, scale: 2}",
      "  - {target: shipName, from: SHIP_NAME, personal: true}",
      "  - {target: shipAddress.street, from: SHIP_ADDRESS, personal: true}",
      "  - {target: shipAddress.city, from: SHIP_CITY}",
      "  - {target: shipAddress.region, from: SHIP_REGION}",
      "  - {target: shipAddress.postalCode, from: SHIP_POSTAL_CODE}",
      "  - {target: shipAddress.country, from: SHIP_COUNTRY}",
      "  - {target: status, from: STATUS, codes: {'01': NEW, '02': CONFIRMED, '03': SHIPPED}}",
      "  - {target: express, from: EXPRESS, type: boolean}",
      "  - {target: currency, from: CURRENCY}",
      "  - {target: total, from: TOTAL, type: decimal, scale: 2}",
      "  - {target: discount, from: DISCOUNT, type: decimal}",
      "  - {target: weightKg, from: WEIGHT_G, type: decimal, unit: {from: g, to: kg, factors: {g: 0.001}}}",
      "");

  static final BigDecimal GRAMS_TO_KG = new BigDecimal("0.001");

  Mapping mapping;
  Map<String, Object> source;
  SourceRecord record;
  ObjectMapper jackson;

  /** The source record, shaped like a row read from a CSV export or a legacy table. */
  static Map<String, Object> sourceRecord() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ORDER_ID", "10248");
    m.put("CUSTOMER_ID", "VINET");
    m.put("EMPLOYEE_ID", 5L);
    m.put("ORDER_DATE", "1996-07-04");
    m.put("REQUIRED_DATE", "1996-08-01");
    m.put("SHIPPED_DATE", "1996-07-16");
    m.put("SHIP_VIA", 3L);
    m.put("FREIGHT", "32.38");
    m.put("SHIP_NAME", "Vins et alcools Chevalier");
    m.put("SHIP_ADDRESS", "59 rue de l'Abbaye");
    m.put("SHIP_CITY", "Reims");
    m.put("SHIP_REGION", "Champagne");
    m.put("SHIP_POSTAL_CODE", "51100");
    m.put("SHIP_COUNTRY", "France");
    m.put("STATUS", "03");
    m.put("EXPRESS", "Y");
    m.put("CURRENCY", "EUR");
    m.put("TOTAL", "440.00");
    m.put("DISCOUNT", "0.05");
    m.put("WEIGHT_G", 1200L);
    return m;
  }

  @Setup
  public void setUp() {
    mapping = Mapping.fromYaml(ORDER_MAPPING);
    source = sourceRecord();
    record = SourceRecord.of(source);
    jackson = DataJson.mapper();
    Map<String, Object> compiled = ((MappingOutcome.Delivered) mapping.map(record)).entity().fields();
    Map<String, Object> hand = handWritten(source);
    if (!compiled.equals(hand)) {
      throw new IllegalStateException("baseline differs from the compiled mapping:\n" + compiled + "\n" + hand);
    }
  }

  /** The compiled mapping, including the rejection bookkeeping (no schema or rules: pure mapping). */
  @Benchmark
  public Object compiledMapping() {
    return mapping.map(record);
  }

  /** The same conversions written by hand (no error collection: it throws on the first bad field). */
  @Benchmark
  public Object handWritten() {
    return handWritten(source);
  }

  /** Jackson convertValue into an annotated POJO. */
  @Benchmark
  public Object jacksonConvertValue() {
    return jackson.convertValue(source, OrderPojo.class);
  }

  static Map<String, Object> handWritten(Map<String, Object> in) {
    Map<String, Object> out = new LinkedHashMap<>(32);
    out.put("orderId", Long.parseLong((String) in.get("ORDER_ID")));
    out.put("customerId", in.get("CUSTOMER_ID"));
    out.put("employeeId", in.get("EMPLOYEE_ID"));
    out.put("orderDate", LocalDate.parse((String) in.get("ORDER_DATE")).toString());
    out.put("requiredDate", LocalDate.parse((String) in.get("REQUIRED_DATE")).toString());
    out.put("shippedDate", LocalDate.parse((String) in.get("SHIPPED_DATE")).toString());
    out.put("shipVia", in.get("SHIP_VIA"));
    out.put("freight", new BigDecimal((String) in.get("FREIGHT")).setScale(2, RoundingMode.HALF_UP));
    out.put("shipName", in.get("SHIP_NAME"));
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("street", in.get("SHIP_ADDRESS"));
    address.put("city", in.get("SHIP_CITY"));
    address.put("region", in.get("SHIP_REGION"));
    address.put("postalCode", in.get("SHIP_POSTAL_CODE"));
    address.put("country", in.get("SHIP_COUNTRY"));
    out.put("shipAddress", address);
    String status;
    switch ((String) in.get("STATUS")) {
      case "01":
        status = "NEW";
        break;
      case "02":
        status = "CONFIRMED";
        break;
      case "03":
        status = "SHIPPED";
        break;
      default:
        throw new IllegalArgumentException("unknown status");
    }
    out.put("status", status);
    String express = ((String) in.get("EXPRESS")).trim().toUpperCase();
    out.put("express", express.equals("Y") || express.equals("YES") || express.equals("1"));
    out.put("currency", in.get("CURRENCY"));
    out.put("total", new BigDecimal((String) in.get("TOTAL")).setScale(2, RoundingMode.HALF_UP));
    BigDecimal discount = new BigDecimal((String) in.get("DISCOUNT")).stripTrailingZeros();
    out.put("discount", discount.scale() < 0 ? discount.setScale(0) : discount);
    BigDecimal kg = BigDecimal.valueOf((Long) in.get("WEIGHT_G")).multiply(GRAMS_TO_KG).stripTrailingZeros();
    out.put("weightKg", kg.scale() < 0 ? kg.setScale(0) : kg);
    return out;
  }

  /** The POJO Jackson binds to (the source's other columns are ignored, as the mapping ignores them). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public static final class OrderPojo {
    @JsonProperty("ORDER_ID") public long orderId;
    @JsonProperty("CUSTOMER_ID") public String customerId;
    @JsonProperty("EMPLOYEE_ID") public Long employeeId;
    @JsonProperty("ORDER_DATE") public String orderDate;
    @JsonProperty("REQUIRED_DATE") public String requiredDate;
    @JsonProperty("SHIPPED_DATE") public String shippedDate;
    @JsonProperty("SHIP_VIA") public Long shipVia;
    @JsonProperty("FREIGHT") public BigDecimal freight;
    @JsonProperty("SHIP_NAME") public String shipName;
    @JsonProperty("SHIP_ADDRESS") public String shipAddress;
    @JsonProperty("SHIP_CITY") public String shipCity;
    @JsonProperty("SHIP_REGION") public String shipRegion;
    @JsonProperty("SHIP_POSTAL_CODE") public String shipPostalCode;
    @JsonProperty("SHIP_COUNTRY") public String shipCountry;
    @JsonProperty("STATUS") public String status;
    @JsonProperty("EXPRESS") public String express;
    @JsonProperty("CURRENCY") public String currency;
    @JsonProperty("TOTAL") public BigDecimal total;
    @JsonProperty("DISCOUNT") public BigDecimal discount;
    @JsonProperty("WEIGHT_G") public Long weightGrams;
  }
}
