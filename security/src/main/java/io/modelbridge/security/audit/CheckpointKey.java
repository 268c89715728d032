package io.modelbridge.security.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that signs (writer) or checks (verifier) the audit log's checkpoints. Ed25519 (through the JCA)
 * lets the verifier hold only the public key; HMAC-SHA256 needs the same secret on both sides. Key
 * material never appears in {@code toString} or in messages.
 */
public final class CheckpointKey {

  private final String algorithm;
  private final PrivateKey signingKey;
  private final PublicKey verifyingKey;
  private final byte[] hmacKey;

  private CheckpointKey(String algorithm, PrivateKey signingKey, PublicKey verifyingKey, byte[] hmacKey) {
    this.algorithm = algorithm;
    this.signingKey = signingKey;
    this.verifyingKey = verifyingKey;
    this.hmacKey = hmacKey;
  }

  /** Ed25519 signing and verifying, for the writer that also verifies (tests, self-checks). */
  public static CheckpointKey ed25519(PrivateKey privateKey, PublicKey publicKey) {
    return new CheckpointKey("Ed25519", Objects.requireNonNull(privateKey, "privateKey cannot be null"),
        Objects.requireNonNull(publicKey, "publicKey cannot be null"), null);
  }

  /** Ed25519 verification only: what an auditor holds. Cannot sign. */
  public static CheckpointKey ed25519Verifier(PublicKey publicKey) {
    return new CheckpointKey("Ed25519", null, Objects.requireNonNull(publicKey, "publicKey cannot be null"), null);
  }

  /**
   * HMAC-SHA256 with a shared secret of at least 32 bytes.
   *
   * @throws IllegalArgumentException if the secret is shorter than 32 bytes
   */
  public static CheckpointKey hmac(byte[] secret) {
    Objects.requireNonNull(secret, "secret cannot be null");
    if (secret.length < 32) {
      throw new IllegalArgumentException("HMAC checkpoint secret must be at least 32 bytes, was " + secret.length);
    }
    return new CheckpointKey("HmacSHA256", null, null, secret.clone());
  }

  /**
   * Parses a verification key as kept in a key file or environment variable: {@code ed25519:BASE64} (the
   * X.509 encoding of the public key), a PEM {@code -----BEGIN PUBLIC KEY-----} block (Ed25519), or
   * {@code hmac:BASE64} (the shared secret).
   *
   * @throws IllegalArgumentException if the text is none of these
   */
  public static CheckpointKey parse(String text) {
    String t = Objects.requireNonNull(text, "text cannot be null").strip();
    try {
      if (t.startsWith("hmac:")) {
        return hmac(Base64.getDecoder().decode(t.substring(5).strip()));
      }
      String b64;
      if (t.startsWith("ed25519:")) {
        b64 = t.substring(8).strip();
      } else if (t.startsWith("-----BEGIN PUBLIC KEY-----")) {
        b64 = t.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
      } else {
        throw new IllegalArgumentException("checkpoint key must start with 'ed25519:', 'hmac:' or be a PEM "
            + "public key block");
      }
      PublicKey pub = KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
      return ed25519Verifier(pub);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("checkpoint")) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException("checkpoint key is not a valid Ed25519 public key or HMAC secret ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  /** The text form {@link #parse} reads back: {@code ed25519:BASE64} or {@code hmac:BASE64}. */
  public String toVerifierText() {
    return hmacKey != null
        ? "hmac:" + Base64.getEncoder().encodeToString(hmacKey)
        : "ed25519:" + Base64.getEncoder().encodeToString(verifyingKey.getEncoded());
  }

  /** {@code Ed25519} or {@code HmacSHA256}. */
  public String algorithm() {
    return algorithm;
  }

  /** Whether this key can sign (a private key or an HMAC secret). */
  public boolean canSign() {
    return signingKey != null || hmacKey != null;
  }

  /**
   * Signs a checkpoint payload.
   *
   * @throws AuditException if this key cannot sign or the platform fails
   */
  public byte[] sign(byte[] payload) {
    try {
      if (hmacKey != null) {
        return mac(payload);
      }
      if (signingKey == null) {
        throw new AuditException("the checkpoint key is a verification-only Ed25519 public key; the audit "
            + "log writer needs the private key");
      }
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(signingKey);
      s.update(payload);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new AuditException("cannot sign audit checkpoint: " + e.getClass().getSimpleName(), e);
    }
  }

  /** Whether {@code signature} is a valid signature of {@code payload} under this key. */
  public boolean verify(byte[] payload, byte[] signature) {
    try {
      if (hmacKey != null) {
        return MessageDigest.isEqual(mac(payload), signature);
      }
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(verifyingKey);
      s.update(payload);
      return s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private byte[] mac(byte[] payload) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
    return mac.doFinal(payload);
  }

  /** The canonical payload a checkpoint signs. */
  static byte[] payload(long coversSeq, String coversHash, boolean closing) {
    return ("modelbridge-audit-checkpoint|v1|" + coversSeq + "|" + coversHash + "|" + closing)
        .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return "CheckpointKey[" + algorithm + (canSign() ? ", signing" : ", verify-only") + ", key=****]";
  }
}
