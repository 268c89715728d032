package io.modelbridge.security.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Builds real audit log files for the tests. */
final class AuditTestLogs {

  static final CheckpointKey HMAC = CheckpointKey.hmac(bytes(7));

  private AuditTestLogs() {}

  static byte[] bytes(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    return k;
  }

  static AuditEvent event(int i) {
    return new AuditEvent(i % 3 == 0 ? AuditEvent.Type.TOOL_CALL : AuditEvent.Type.MODEL_CALL,
        "tenant-" + (i % 2), "user-" + i, "corr-" + i, "action-" + i,
        Map.of("request", "hello <EMAIL_1> #" + i, "answer", "ok \u00e9\u4e2d " + i));
  }

  /**
   * Writes a new closed log of {@code events} entries, anchored in {@code <file>.anchors}; returns its lines
   * (without newlines).
   */
  static List<String> write(Path file, int events, int checkpointEvery, CheckpointKey key) {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(AnchorStore.besideLog(file));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try (AuditLog log = AuditLog.builder(AuditStore.file(file, false), key).checkpointEvery(checkpointEvery).build()) {
      for (int i = 0; i < events; i++) {
        log.append(event(i));
      }
    }
    return lines(file);
  }

  /** Appends {@code events} entries in a new session of an existing log (new or reopened). */
  static void session(Path file, int first, int events, int checkpointEvery) {
    try (AuditLog log = AuditLog.builder(AuditStore.file(file, false), HMAC).checkpointEvery(checkpointEvery).build()) {
      for (int i = first; i < first + events; i++) {
        log.append(event(i));
      }
    }
  }

  static List<String> lines(Path file) {
    try {
      return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static void writeLines(Path file, List<String> lines) {
    try {
      Files.write(file, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
