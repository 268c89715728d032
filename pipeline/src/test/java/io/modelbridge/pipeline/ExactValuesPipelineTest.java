package io.modelbridge.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.adapters.spi.AdapterConfig;
import io.modelbridge.adapters.spi.AdapterRegistry;
import io.modelbridge.adapters.spi.OperationRequest;
import io.modelbridge.adapters.spi.SystemAdapter;
import io.modelbridge.core.CallContext;
import io.modelbridge.core.tools.ApprovalDecision;
import io.modelbridge.core.tools.GovernedTools;
import io.modelbridge.core.tools.PolicyDecision;
import io.modelbridge.mapping.Mapping;
import io.modelbridge.pipeline.pack.DomainPack;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, "Integrity of values": a decimal read from a system reaches the model and comes back to the
 * system with the same digits and scale. Drives the real {@link Pipeline} (fetch, map, pseudonymize, prompt,
 * model, validate, restore, act) on the real file adapter over a CSV on disk, with a model that echoes the
 * price it was shown in the prompt, and reads the written-back value from the file.
 */
class ExactValuesPipelineTest {

  private static final Pattern SHOWN_PRICE = Pattern.compile("\"price\":(-?[0-9]+(?:\\.[0-9]+)?)");

  private static final Mapping PRICES = Mapping.fromYaml(String.join("\n", "name: prices", "entity: price",
      "key: [sku]", "fields:", "  - {target: sku, from: sku, required: true}",
      "  - {target: price, from: price, type: decimal, required: true}"));

  /** A model that answers with the price it read in the prompt, as a JSON number, digit for digit. */
  static ScriptedChatModel echo() {
    return new ScriptedChatModel(request -> {
      String prompt = request.messages().toString();
      Matcher m = SHOWN_PRICE.matcher(prompt);
      if (!m.find()) {
        throw new AssertionError("no plain \"price\":<number> in the prompt: " + prompt);
      }
      return "{\"sku\":\"S1\",\"price\":" + m.group(1) + "}";
    });
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    Arbitrary<BigInteger> unscaled = Arbitraries.bigIntegers()
        .between(new BigInteger("-1" + "0".repeat(40)), new BigInteger("1" + "0".repeat(40)));
    Arbitrary<Integer> scale = Arbitraries.integers().between(0, 30);
    return Combinators.combine(unscaled, scale).as(BigDecimal::new).edgeCases(c -> c.add(
        new BigDecimal("12345678901234567.89"), new BigDecimal("120"), new BigDecimal("120.00"),
        new BigDecimal("0.1"), new BigDecimal("-0.000000000000000000000001"), new BigDecimal("1E-30"),
        // digits the PII scanner would read as an SSN, a card or a phone if it scanned numbers as text
        new BigDecimal("0.304086595"), new BigDecimal("4111111111111111"), new BigDecimal("33612345678.00")));
  }

  @Property(tries = 60)
  void anyDecimal_survivesFetchMapPromptAnswerRestoreAndWriteBack(@ForAll("decimals") BigDecimal price)
      throws Exception {
    Path dir = Files.createTempDirectory("exact-values");
    try {
      BigDecimal written = roundTrip(dir, price, echo());
      assertThat(written).isEqualByComparingTo(price);
      assertThat(written.scale()).as("scale of %s written back as %s", price.toPlainString(), written.toPlainString())
          .isEqualTo(price.scale());
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void priceWithDigitsOfAnSsn_reachesTheModelAsANumber_notAToken() throws Exception {
    Path dir = Files.createTempDirectory("exact-values");
    ScriptedChatModel model = echo();
    assertThat(roundTrip(dir, new BigDecimal("0.304086595"), model)).isEqualTo(new BigDecimal("0.304086595"));
    assertThat(model.sent(0)).contains("\"price\":0.304086595");
  }

  @Test
  void demoPrompt_showsPrice120_notExponentForm() throws Exception {
    Path dir = Files.createTempDirectory("exact-values");
    ScriptedChatModel model = echo();
    // 1.2E+2 is what a zero-stripping step makes of 120; the prompt must still say 120.
    roundTrip(dir, new BigDecimal("120"), model);
    assertThat(model.sent(0)).contains("\"price\":120").doesNotContain("E+");
  }

  /** Writes {@code price} in a CSV, asks the pipeline to re-price S1 and returns the price in the file after. */
  private static BigDecimal roundTrip(Path dir, BigDecimal price, ScriptedChatModel model) throws IOException {
    Path csv = Files.writeString(dir.resolve("prices.csv"), "sku,price\nS1," + price.toPlainString() + "\nS2,1.00\n",
        StandardCharsets.UTF_8);
    Path pack = Files.createDirectories(dir.resolve("pack"));
    Files.writeString(pack.resolve("pack.yaml"), String.join("\n", "id: prices", "version: 1.0.0", "tasks:",
        "  reprice:", "    template: t.txt", "    schema: s.json", "    action:", "      system: shop",
        "      operation: prices.update", "      source: prices", "      key: sku", "      get: prices.get",
        "      arguments:", "        sku: \"{{answer.sku}}\"", "        price: \"{{answer.price}}\"", ""));
    Files.writeString(pack.resolve("t.txt"), "Keep the price of S1 as it is. {{question}}\nData: {{data}}");
    Files.writeString(pack.resolve("s.json"), "{\"type\":\"object\",\"required\":[\"sku\",\"price\"],"
        + "\"properties\":{\"sku\":{\"type\":\"string\"},\"price\":{\"type\":\"number\"}}}");
    try (SystemAdapter shop = AdapterRegistry.discover().create("file", AdapterConfig.builder("shop")
        .set("path", csv.toString()).set("entity", "prices").set("fields", "sku STRING key; price DECIMAL").build())) {
      GovernedTools tools = GovernedTools.builder().adapter(shop)
          .policy((c, t) -> PolicyDecision.allow("test", "the test may re-price"))
          .approver(r -> ApprovalDecision.approve("supervisor", "checked"))
          .build();
      Pipeline pipeline = Pipeline.builder(DomainPack.load(pack), model).withoutAudit().tools(tools).build();
      PipelineResult r = pipeline.ask(CallContext.of("acme", "clerk", "reprice"),
          PipelineRequest.builder("reprice", "What is the price of S1?")
              .fetch(new Fetch("prices", shop, OperationRequest.of("prices.query", Map.of()), PRICES)).build());
      assertThat(r.action().orElseThrow().status()).as(r.trace().describe()).isEqualTo(ActionResult.Status.EXECUTED);
    }
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    String s1 = lines.stream().filter(l -> l.startsWith("S1,")).findFirst().orElseThrow();
    assertThat(lines).contains("S2,1.00");
    return new BigDecimal(s1.substring(3));
  }
}
