package io.modelbridge.cli.demo;

import io.modelbridge.security.audit.AnchorStore;
import io.modelbridge.security.audit.AuditLog;
import io.modelbridge.security.audit.AuditStore;
import io.modelbridge.security.audit.CheckpointKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;

/**
 * The demo's audit log as an operator would set one up: checkpoints signed with a fresh Ed25519 key whose
 * public half is saved beside the log ({@value #KEY_FILE}, owner-only where the file system has POSIX
 * permissions; the private half never leaves the run, so nobody can sign a rewritten log later), anchors in
 * {@code audit.log.anchors}, a checkpoint every {@value #CHECKPOINT_EVERY} entries and every
 * {@link #CHECKPOINT_INTERVAL}, and the exact {@code audit verify} command to check it.
 */
public final class DemoAudit implements AutoCloseable {

  /** The log's file name in the work directory. */
  public static final String LOG_FILE = "audit.log";
  /** The verification key's file name in the work directory. */
  public static final String KEY_FILE = "audit.pub";
  /** A signed checkpoint after this many entries. */
  public static final int CHECKPOINT_EVERY = 20;
  /** And one once this much time has passed since the last, if entries were written. */
  public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

  private final Path logFile;
  private final Path keyFile;
  private final CheckpointKey verificationKey;
  private final AuditLog log;

  private DemoAudit(Path logFile, Path keyFile, CheckpointKey verificationKey, AuditLog log) {
    this.logFile = logFile;
    this.keyFile = keyFile;
    this.verificationKey = verificationKey;
    this.log = log;
  }

  /**
   * Starts a new log in {@code workdir}, replacing the files of an earlier run.
   *
   * @param clock the clock of entry timestamps and of the periodic checkpoint
   * @throws IOException if the files cannot be replaced or the key cannot be saved
   */
  public static DemoAudit open(Path workdir, Clock clock) throws IOException {
    Path logFile = workdir.resolve(LOG_FILE);
    Path keyFile = workdir.resolve(KEY_FILE);
    Files.deleteIfExists(logFile);
    Files.deleteIfExists(AnchorStore.besideLog(logFile));
    Files.deleteIfExists(keyFile);
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is required by every Java 17 platform", e);
    }
    CheckpointKey verifier = CheckpointKey.ed25519Verifier(pair.getPublic());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    Files.writeString(keyFile, verifier.toVerifierText() + "\n", StandardCharsets.US_ASCII);
    AuditLog log = AuditLog.builder(AuditStore.file(logFile), CheckpointKey.ed25519(pair.getPrivate(), pair.getPublic()))
        .checkpointEvery(CHECKPOINT_EVERY)
        .checkpointInterval(CHECKPOINT_INTERVAL)
        .clock(clock)
        .build();
    return new DemoAudit(logFile, keyFile, verifier, log);
  }

  /** The log to append to. */
  public AuditLog log() {
    return log;
  }

  /** The log file. */
  public Path logFile() {
    return logFile;
  }

  /** The saved verification key file. */
  public Path keyFile() {
    return keyFile;
  }

  /** The verification key (public only). */
  public CheckpointKey verificationKey() {
    return verificationKey;
  }

  /** The command that verifies the log, its anchors ({@code audit.log.anchors}) and signatures. */
  public String verifyCommand() {
    return "java -jar modelbridge-cli.jar audit verify " + logFile + " --key-file " + keyFile;
  }

  /** Closes the log: the closing checkpoint and its anchor. */
  @Override
  public void close() {
    log.close();
  }
}
