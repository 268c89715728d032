package io.modelbridge.benchmarks.pii;

import io.modelbridge.core.CallContext;
import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiProtector;
import io.modelbridge.security.pii.PiiScanner;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * PII scan and pseudonymization throughput against a single {@code String.indexOf} pass over the same text
 * (the ceiling: one look at every character), on a 2 KB message, a 1 MB document and a 1 MB adversarial
 * input (long runs of digits, {@code @}, dots, hex and colons); typical text (prose, two personal items per
 * 2 KB) and PII-dense text (a personal item every ~60 characters). MB/s = ops/s x size in MB (chars as bytes).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PiiBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PiiBenchmark {

  /** A support message as they usually come: prose, numbers that are not personal, two personal items. */
  private static final String TYPICAL =
      "Hello team, following our call this morning I checked the shipment status for the spring catalogue. "
      + "The order ORD-2024-00123 placed on 2024-03-15 for 1,250 units at $12.40 each is still pending at the "
      + "warehouse; the carrier said the trucks leave on Tuesday at 10:30 and the pallets weigh 480 kg in total. "
      + "Version 3.2.1 of the portal shows the invoice INV-88231 twice, which the accounting team should review "
      + "before the quarter closes. Bonjour, la livraison prévue la semaine prochaine comprend 40 cartons et la "
      + "facture sera envoyée séparément. 您好，我们已经收到您的订单，仓库将在三个工作日内发货，请耐心等待。 "
      + "If anything changes please write to jane.doe@example.com and we will update the schedule accordingly. "
      + "We also need the signed delivery note, the customs declaration and the packing list before Friday, "
      + "otherwise the goods stay in the bonded warehouse and storage fees of 35 EUR per day apply from Monday. "
      + "Thanks again for your patience; you can reach me directly on +33 6 12 34 56 78 during office hours. ";

  /** PII-dense text: a personal item every 60 characters or so (worst realistic case for the phone parser). */
  private static final String PARAGRAPH =
      "Dear support, my order ORD-2024-00123 of $1,234.56 placed on 2024-03-15 has not arrived. Please write to "
      + "jane.doe@example.com or call (415) 555-2671. The refund goes to IBAN DE89 3704 0044 0532 0130 00. "
      + "Bonjour, je suis joignable au 06 12 34 56 78, mon NIR est 2 69 05 49 588 157 80, version 1.18.1 installée. "
      + "您好，请拨打13812345678联系我，身份证号11010519491231002X，服务器192.168.1.20。 Card 4111 1111 1111 1111 "
      + "expires 12/27; the login came from 2001:db8::1 at 10:42:17. Thanks a lot for your help with this matter. ";

  String message2k;
  String document1m;
  String distinct1m;
  String dense2k;
  String dense1m;
  String adversarial1m;
  private final PiiScanner scanner = PiiScanner.defaults();
  private final PiiProtector protector = PiiProtector.defaults();
  private final CallContext ctx = CallContext.of("bench", "bench", "bench");

  @Setup
  public void setUp() {
    message2k = repeatTo(TYPICAL, 2 * 1024);
    document1m = repeatTo(TYPICAL, 1024 * 1024);
    StringBuilder d = new StringBuilder();
    for (int k = 0; d.length() < 1024 * 1024; k++) {
      // every phone number different, so no libphonenumber verdict is reused
      String n = String.format("%08d", 10_000_000 + k * 7919 % 89_999_999);
      d.append(TYPICAL.replace("+33 6 12 34 56 78", "+33 6 " + n.substring(0, 2) + " " + n.substring(2, 4) + " "
          + n.substring(4, 6) + " " + n.substring(6, 8)));
    }
    distinct1m = d.substring(0, 1024 * 1024);
    dense2k = repeatTo(PARAGRAPH, 2 * 1024);
    dense1m = repeatTo(PARAGRAPH, 1024 * 1024);
    String[] units = {"0123456789", "@@@@.@@..", "a:b:c:d:e:f:0:1:", "1.2.3.4.5.6.", "ff:ff::ff::",
        "+33 6 +44 1-2-3 ", "9999999999999999999999 "};
    StringBuilder b = new StringBuilder();
    int u = 0;
    while (b.length() < 1024 * 1024) {
      b.append(units[u++ % units.length].repeat(2000));
    }
    adversarial1m = b.substring(0, 1024 * 1024);
  }

  private static String repeatTo(String unit, int size) {
    StringBuilder b = new StringBuilder(size + unit.length());
    while (b.length() < size) {
      b.append(unit);
    }
    return b.substring(0, size);
  }

  /** Baseline: one pass over the 2 KB message looking for a character that is not there. */
  @Benchmark
  public int indexOf2k() {
    return message2k.indexOf('\u0007');
  }

  /** Scan of the 2 KB message. */
  @Benchmark
  public List<Finding> scan2k() {
    return scanner.scan(message2k);
  }

  /** Pseudonymization of the 2 KB message (scan, vault, rewrite). */
  @Benchmark
  public String pseudonymize2k() {
    return protector.protect(message2k, ctx);
  }

  /** Baseline over the 1 MB document. */
  @Benchmark
  public int indexOf1m() {
    return document1m.indexOf('\u0007');
  }

  /** Scan of the 1 MB document. */
  @Benchmark
  public List<Finding> scan1m() {
    return scanner.scan(document1m);
  }

  /** Scan of the 1 MB document where every phone number is a different one. */
  @Benchmark
  public List<Finding> scanDistinct1m() {
    return scanner.scan(distinct1m);
  }

  /** Pseudonymization of the 1 MB document. */
  @Benchmark
  public String pseudonymize1m() {
    return protector.protect(document1m, ctx);
  }

  /** Scan of a PII-dense 2 KB message. */
  @Benchmark
  public List<Finding> scanDense2k() {
    return scanner.scan(dense2k);
  }

  /** Scan of a PII-dense 1 MB document. */
  @Benchmark
  public List<Finding> scanDense1m() {
    return scanner.scan(dense1m);
  }

  /** Baseline over the adversarial 1 MB input. */
  @Benchmark
  public int indexOfAdversarial1m() {
    return adversarial1m.indexOf('\u0007');
  }

  /**
   * The linearity check of issue 12: one kind of pathological input at 1 MB and 4 MB ({@link #size}); the
   * work is linear when the 4 MB score is a quarter of the 1 MB one.
   */
  @State(Scope.Benchmark)
  public static class Pathological {
    /** The repeated unit: runs of digits with spaces, dashes, dots, plus signs, at signs, colons. */
    @org.openjdk.jmh.annotations.Param({"1 ", "1-", "1.", "+1 ", "1@", "1:", "12 (3) +4-5.6:7@"})
    public String unit;
    /** Size in MB. */
    @org.openjdk.jmh.annotations.Param({"1", "4"})
    public int size;
    String text;

    /** Builds the input. */
    @Setup
    public void setUp() {
      text = repeatTo(unit, size * 1024 * 1024);
    }
  }

  /** Scan of one pathological input (see {@link Pathological}). */
  @Benchmark
  public List<Finding> scanPathological(Pathological p) {
    return scanner.scan(p.text);
  }

  /** Scan of the adversarial 1 MB input. */
  @Benchmark
  public List<Finding> scanAdversarial1m() {
    return scanner.scan(adversarial1m);
  }
}
