package io.modelbridge.security.audit;

import java.nio.file.Path;

/** Entry point for {@link AuditVerifierStreamingTest}'s forked JVM: prints the kind of the finding. */
final class VerifyInSmallHeap {

  private VerifyInSmallHeap() {}

  public static void main(String[] args) {
    VerificationReport r = AuditVerifier.verify(Path.of(args[0]), AuditTestLogs.HMAC);
    System.out.println(r.finding().map(f -> f.kind().name()).orElse("INTACT"));
  }
}
