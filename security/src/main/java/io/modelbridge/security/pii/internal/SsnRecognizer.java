package io.modelbridge.security.pii.internal;

import io.modelbridge.security.pii.Finding;
import io.modelbridge.security.pii.PiiType;
import io.modelbridge.security.pii.Recognizer;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * US social security numbers in the valid ranges (area not 000, 666 or 900-999; group not 00; serial not
 * 0000): {@code AAA-GG-SSSS} or {@code AAA GG SSSS}, and a bare nine-digit run only when "SSN" or "social
 * security" appears in the 40 characters before it.
 */
public final class SsnRecognizer implements Recognizer {

  @Override
  public void find(String text, Consumer<Finding> sink) {
    DigitGroups.forEachRun(text, " -", run -> {
      int n = run.size();
      if (n == 3 && run.seps()[1] == run.seps()[2]
          && len(run, 0) == 3 && len(run, 1) == 2 && len(run, 2) == 4) {
        emit(text, run.starts()[0], run.ends()[2], sink);
      } else if (n == 1 && len(run, 0) == 9 && context(text, run.starts()[0])) {
        emit(text, run.starts()[0], run.ends()[0], sink);
      }
    });
  }

  private static int len(DigitGroups.Run run, int g) {
    return run.ends()[g] - run.starts()[g];
  }

  private static void emit(String text, int s, int e, Consumer<Finding> sink) {
    String d = Chars.digitsOnly(text, s, e);
    int area = Integer.parseInt(d.substring(0, 3));
    int group = Integer.parseInt(d.substring(3, 5));
    int serial = Integer.parseInt(d.substring(5));
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return;
    }
    sink.accept(new Finding(PiiType.US_SSN, s, e, text.substring(s, e), 0.9));
  }

  private static boolean context(String text, int start) {
    String before = text.substring(Math.max(0, start - 40), start).toLowerCase(Locale.ROOT);
    return before.contains("ssn") || before.contains("social security") || before.contains("ss#")
        || before.contains("社会安全") || before.contains("社會安全") || before.contains("sécurité sociale américain");
  }
}
