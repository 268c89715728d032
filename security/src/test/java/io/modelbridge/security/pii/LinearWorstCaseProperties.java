package io.modelbridge.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelbridge.security.pii.internal.Steps;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The scan's work is linear in the input on the inputs that made it superlinear (issue 12: {@code 1 1 1 ...}
 * took 6.6 times as long for 4 times the text): long runs of digits with separators, {@code +}, {@code .},
 * {@code @}, {@code :}, {@code -} and parentheses. Work is counted, not timed: {@link Steps} counts the
 * characters and candidates every recognizer hands to its bounded checks and to libphonenumber. Four times
 * the text must cost at most four times the work (plus a constant for the ends), and the work per character
 * is bounded by the same constant for every input.
 */
class LinearWorstCaseProperties {

  private static final int SMALL = 16 * 1024;
  /** The bound on work per input character observed to hold with a wide margin on every kind below. */
  private static final int WORK_PER_CHAR = 64;

  private static long work(String text) {
    Steps.start();
    PiiScanner.defaults().scan(text);
    return Steps.stop();
  }

  private static String repeat(String unit, int chars) {
    return unit.repeat(Math.max(1, chars / unit.length()));
  }

  private static void assertLinear(String unit) {
    String small = repeat(unit, SMALL);
    String large = repeat(unit, 4 * SMALL);
    long w1 = work(small);
    long w4 = work(large);
    assertThat(w4).as("work on 4x '%s'", unit).isLessThanOrEqualTo(4 * w1 + 4096);
    assertThat(w4).as("work per char on '%s'", unit).isLessThanOrEqualTo((long) WORK_PER_CHAR * large.length());
  }

  @Example
  void pathologicalRuns_costLinearWork() {
    for (String unit : new String[] {"1 ", "1-", "1.", "1+", "+1 ", "1@", "a@", "1:", "1/", "(1)", "((1", "1)",
        "12 ", "0 ", "06 ", "+33 6 ", "1.1.1.1.", "::1:", "a.", "a@b.", "-", "@", ".", ":", "+", "(", "1 1  ",
        "4111 ", "2024-06-26 13:45 ", "x1"}) {
      assertLinear(unit);
    }
  }

  @Example
  void workCounterSeesTheWork() {
    // a counter that counts nothing would make the properties above pass on any code
    assertThat(work(repeat("06 12 34 56 78 ", SMALL))).isGreaterThan(SMALL / 16);
  }

  @Property(tries = 40)
  void anyRepeatedUnitOfPhoneAndAddressPunctuation_costsLinearWork(@ForAll("units") String unit) {
    assertLinear(unit);
  }

  @Provide
  Arbitrary<String> units() {
    return Arbitraries.strings().withChars("0123456789 +.@:-()/ax\u00a0").ofMinLength(1).ofMaxLength(8);
  }
}
