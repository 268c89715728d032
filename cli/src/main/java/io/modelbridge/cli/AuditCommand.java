package io.modelbridge.cli;

import io.modelbridge.security.audit.Anchor;
import io.modelbridge.security.audit.AnchorStore;
import io.modelbridge.security.audit.AuditVerifier;
import io.modelbridge.security.audit.CheckpointKey;
import io.modelbridge.security.audit.Tampering;
import io.modelbridge.security.audit.VerificationReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code modelbridge audit}: tools for the tamper-evident audit log. {@code audit verify FILE} checks the
 * hash chain, the signed checkpoints, the closing checkpoint and the anchors, names the first bad entry, and
 * says what was proven.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Tamper-evident audit log tools.",
    subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

  /** Environment variable read when {@code --key-file} is not given. */
  public static final String KEY_ENV = "MODELBRIDGE_AUDIT_KEY";

  /** Exit code: intact (anchored, or unanchored with {@code --no-anchors}). */
  public static final int INTACT = 0;
  /** Exit code: tampered or damaged (modified, deleted, inserted, reordered, truncated, torn). */
  public static final int TAMPERED = 1;
  /** Exit code: the log or the anchors are unreadable (missing, not an audit log), or no or a bad key. */
  public static final int UNREADABLE = 2;
  /** Exit code: the log verifies, but without an anchor: prefix integrity only, a cut is not excluded. */
  public static final int ANCHORS_MISSING = 3;

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code audit verify FILE}: exit 0 intact, 1 tampered or damaged, 2 unreadable or no verification key,
   * 3 verified without an anchor (prefix integrity only) unless {@code --no-anchors} accepts that.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {"Verify an audit log file: hash chain, signed checkpoints, closing checkpoint, and its "
          + "anchors (FILE.anchors by default) so that a cut log is detected.",
          "Exit codes: 0 intact, 1 tampered, truncated or torn, 2 unreadable or no key, 3 anchors missing "
              + "(prefix integrity only)."})
  static final class Verify implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the audit log (JSON lines)")
    Path file;

    @Option(names = "--key-file", paramLabel = "KEY",
        description = "checkpoint verification key: 'ed25519:BASE64' (X.509 public key), a PEM public key, "
            + "or 'hmac:BASE64'; default: the " + KEY_ENV + " environment variable")
    Path keyFile;

    @Option(names = "--anchors", paramLabel = "ANCHOR_FILE",
        description = "the anchor file the log's writer kept (default: FILE.anchors when it exists)")
    Path anchors;

    @Option(names = "--anchor", paramLabel = "SEQ:HASH",
        description = "an anchor kept elsewhere: entry SEQ must be present with this HASH")
    String anchor;

    @Option(names = "--no-anchors",
        description = "verify without anchors and accept prefix integrity only (exit 0 instead of 3)")
    boolean noAnchors;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      CheckpointKey key;
      try {
        String text;
        if (keyFile != null) {
          text = Files.readString(keyFile, StandardCharsets.UTF_8);
        } else {
          text = System.getenv(KEY_ENV);
          if (text == null || text.isBlank()) {
            err.println("no verification key: give --key-file or set " + KEY_ENV);
            return UNREADABLE;
          }
        }
        key = CheckpointKey.parse(text);
      } catch (IOException e) {
        err.println("cannot read key file " + keyFile + ": " + e.getMessage());
        return UNREADABLE;
      } catch (IllegalArgumentException e) {
        err.println("bad verification key: " + e.getMessage());
        return UNREADABLE;
      }
      Optional<Anchor> expected;
      try {
        expected = anchor == null ? Optional.empty() : Optional.of(Anchor.parse(anchor));
      } catch (IllegalArgumentException e) {
        err.println("bad --anchor: " + e.getMessage());
        return UNREADABLE;
      }
      if (noAnchors && (anchors != null || anchor != null)) {
        err.println("--no-anchors contradicts --anchors/--anchor: give one or the other");
        return UNREADABLE;
      }
      Path anchorFile = anchors != null ? anchors : AnchorStore.besideLog(file.toAbsolutePath());
      if (anchors != null && !Files.isRegularFile(anchors)) {
        err.println("UNREADABLE: the anchor file " + anchors + " does not exist");
        return UNREADABLE;
      }
      boolean useAnchorFile = !noAnchors && Files.isRegularFile(anchorFile);
      VerificationReport report = AuditVerifier.verify(file, key,
          useAnchorFile ? Optional.of(AnchorStore.file(anchorFile)) : Optional.empty(), expected);
      report.recoveries().forEach(r -> out.println(r));
      if (report.recoveryCount() > report.recoveries().size()) {
        out.println("... " + (report.recoveryCount() - report.recoveries().size()) + " more RECOVERY entries");
      }
      if (report.finding().isPresent()) {
        VerificationReport.Finding f = report.finding().get();
        err.println(f);
        return f.kind() == Tampering.UNREADABLE ? UNREADABLE : TAMPERED;
      }
      out.println("INTACT: " + report.lines() + " lines, last checkpoint seq " + report.lastCheckpointSeq()
          + report.lastGood().map(a -> ", last entry " + a).orElse(""));
      out.println(report.proves() + (useAnchorFile ? " (anchors: " + anchorFile + ")" : ""));
      if (!report.anchored() && !noAnchors) {
        err.println("ANCHORS MISSING: no anchor file " + anchorFile + " and no --anchors or --anchor: a log cut "
            + "back to one of its checkpoints would verify the same; give the anchors, or --no-anchors to accept "
            + "prefix integrity only");
        return ANCHORS_MISSING;
      }
      return INTACT;
    }
  }
}
