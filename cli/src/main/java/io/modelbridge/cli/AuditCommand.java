package io.modelbridge.cli;

import io.modelbridge.security.audit.Anchor;
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
 * hash chain, the signed checkpoints and the closing checkpoint, and names the first bad entry.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Tamper-evident audit log tools.",
    subcommands = AuditCommand.Verify.class)
public final class AuditCommand implements Runnable {

  /** Environment variable read when {@code --key-file} is not given. */
  public static final String KEY_ENV = "MODELBRIDGE_AUDIT_KEY";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code audit verify FILE}: exit 0 intact, 1 tampered or damaged (modified, deleted, inserted,
   * reordered, truncated, torn), 2 unreadable or no verification key.
   */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {"Verify an audit log file: hash chain, signed checkpoints, closing checkpoint.",
          "Exit codes: 0 intact, 1 tampered or torn, 2 unreadable or no key."})
  static final class Verify implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the audit log (JSON lines)")
    Path file;

    @Option(names = "--key-file", paramLabel = "KEY",
        description = "checkpoint verification key: 'ed25519:BASE64' (X.509 public key), a PEM public key, "
            + "or 'hmac:BASE64'; default: the " + KEY_ENV + " environment variable")
    Path keyFile;

    @Option(names = "--anchor", paramLabel = "SEQ:HASH",
        description = "an externally kept anchor: entry SEQ must be present with this HASH (catches a cut "
            + "tail even after the log was reopened)")
    String anchor;

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
            return 2;
          }
        }
        key = CheckpointKey.parse(text);
      } catch (IOException e) {
        err.println("cannot read key file " + keyFile + ": " + e.getMessage());
        return 2;
      } catch (IllegalArgumentException e) {
        err.println("bad verification key: " + e.getMessage());
        return 2;
      }
      Optional<Anchor> expected;
      try {
        expected = anchor == null ? Optional.empty() : Optional.of(Anchor.parse(anchor));
      } catch (IllegalArgumentException e) {
        err.println("bad --anchor: " + e.getMessage());
        return 2;
      }
      VerificationReport report = AuditVerifier.verify(file, key, expected);
      if (report.intact()) {
        out.println("intact: " + report.lines() + " lines, last checkpoint seq " + report.lastCheckpointSeq()
            + report.lastGood().map(a -> ", last entry " + a).orElse(""));
        return 0;
      }
      VerificationReport.Finding f = report.finding().orElseThrow();
      err.println(f);
      return f.kind() == Tampering.UNREADABLE ? 2 : 1;
    }
  }
}
