package io.modelbridge.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EncryptorProperties {

  static final String K1 = Base64.getEncoder().encodeToString(filled(1));
  static final String K2 = Base64.getEncoder().encodeToString(filled(2));
  static final KeyProvider OLD = KeyProvider.fromBase64("k1", Map.of("k1", K1));
  static final KeyProvider ROTATED = KeyProvider.fromBase64("k2", Map.of("k1", K1, "k2", K2));

  static byte[] filled(int b) {
    byte[] k = new byte[32];
    Arrays.fill(k, (byte) b);
    k[0] = 42;
    return k;
  }

  @Provide
  Arbitrary<Encryptor> encryptors() {
    return Arbitraries.of(Encryptors.aesGcm(ROTATED), Encryptors.deterministicAesGcm(ROTATED));
  }

  @Provide
  Arbitrary<AssociatedData> aads() {
    var s = Arbitraries.strings().ofMaxLength(8);
    return net.jqwik.api.Combinators.combine(s, s).as(AssociatedData::new);
  }

  @Property(tries = 300)
  void decryptOfEncryptIsIdentity(@ForAll("encryptors") Encryptor e, @ForAll byte[] plaintext,
      @ForAll("aads") AssociatedData aad) {
    assertThat(e.decrypt(e.encrypt(plaintext, aad), aad)).isEqualTo(plaintext);
  }

  @Property(tries = 200)
  void stringRoundTripIsIdentity(@ForAll("encryptors") Encryptor e, @ForAll String text,
      @ForAll("aads") AssociatedData aad) {
    String ct = e.encryptToString(text, aad);
    assertThat(ct).matches("[A-Za-z0-9_-]+");
    assertThat(e.decryptToString(ct, aad)).isEqualTo(text);
  }

  @Property(tries = 300)
  void ciphertextNeverDecryptsUnderOtherAssociatedData(@ForAll("encryptors") Encryptor e,
      @ForAll byte[] plaintext, @ForAll("aads") AssociatedData aad, @ForAll("aads") AssociatedData other) {
    Assume.that(!aad.equals(other));
    byte[] ct = e.encrypt(plaintext, aad);
    assertThatThrownBy(() -> e.decrypt(ct, other)).isInstanceOf(DecryptionFailedException.class);
  }

  @Property(tries = 300)
  void anySingleBitFlipIsRejected(@ForAll("encryptors") Encryptor e, @ForAll byte[] plaintext,
      @ForAll("aads") AssociatedData aad, @ForAll int position, @ForAll byte mask) {
    Assume.that(mask != 0);
    byte[] ct = e.encrypt(plaintext, aad);
    int i = Math.floorMod(position, ct.length);
    ct[i] ^= mask;
    // flipping the key id can name an unknown key instead: also a refusal, never plaintext
    assertThatThrownBy(() -> e.decrypt(ct, aad)).isInstanceOf(CryptoException.class);
  }

  @Property(tries = 200)
  void rotationKeepsOldDataReadable(@ForAll byte[] plaintext, @ForAll("aads") AssociatedData aad,
      @ForAll boolean deterministic) {
    Encryptor before = deterministic ? Encryptors.deterministicAesGcm(OLD) : Encryptors.aesGcm(OLD);
    Encryptor after = deterministic ? Encryptors.deterministicAesGcm(ROTATED) : Encryptors.aesGcm(ROTATED);
    byte[] old = before.encrypt(plaintext, aad);
    byte[] fresh = after.encrypt(plaintext, aad);
    assertThat(after.decrypt(old, aad)).isEqualTo(plaintext);
    assertThat(keyIdOf(fresh)).isEqualTo("k2");
    assertThatThrownBy(() -> before.decrypt(fresh, aad))
        .isInstanceOf(UnknownKeyException.class)
        .hasMessageContaining("k2");
  }

  @Property(tries = 200)
  void deterministicModeIsEqualityPreservingAndRandomModeIsNot(@ForAll byte[] plaintext,
      @ForAll("aads") AssociatedData aad) {
    Encryptor det = Encryptors.deterministicAesGcm(ROTATED);
    Encryptor rnd = Encryptors.aesGcm(ROTATED);
    assertThat(det.encrypt(plaintext, aad)).isEqualTo(det.encrypt(plaintext, aad));
    assertThat(rnd.encrypt(plaintext, aad)).isNotEqualTo(rnd.encrypt(plaintext, aad));
  }

  @Property(tries = 200)
  void deterministicModeSeparatesDifferentValues(@ForAll byte[] a, @ForAll byte[] b,
      @ForAll("aads") AssociatedData aad) {
    Assume.that(!Arrays.equals(a, b));
    Encryptor det = Encryptors.deterministicAesGcm(ROTATED);
    assertThat(det.encrypt(a, aad)).isNotEqualTo(det.encrypt(b, aad));
  }

  static String keyIdOf(byte[] ct) {
    return new String(ct, 2, ct[1] & 0xff, java.nio.charset.StandardCharsets.UTF_8);
  }
}
