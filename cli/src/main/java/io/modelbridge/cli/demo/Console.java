package io.modelbridge.cli.demo;

import java.io.PrintWriter;

/** The demo's output for a human: a heading per scenario, a numbered heading per stage, short lines. */
final class Console {

  private static final int WIDTH = 110;

  private final PrintWriter out;
  private int stage;

  Console(PrintWriter out) {
    this.out = out;
  }

  void scenario(String title) {
    stage = 0;
    out.println();
    out.println("=".repeat(Math.min(WIDTH, title.length() + 4)));
    out.println("  " + title);
    out.println("=".repeat(Math.min(WIDTH, title.length() + 4)));
    out.flush();
  }

  void stage(String title) {
    stage++;
    out.println();
    out.println("-- Stage " + stage + ": " + title);
    out.flush();
  }

  void line(String text) {
    out.println("   " + text);
    out.flush();
  }

  /** Prints {@code text} indented, long lines wrapped (never cut: every character is shown). */
  void block(String label, String text) {
    out.println("   " + label);
    text.lines().forEach(l -> {
      for (int i = 0; i < l.length() || i == 0; i += WIDTH) {
        out.println("     | " + l.substring(i, Math.min(l.length(), i + WIDTH)));
      }
    });
    out.flush();
  }

  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
