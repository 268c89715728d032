package io.modelbridge.security.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyProviderTest {

  @Test
  void toString_neverShowsKeyMaterial() {
    KeyProvider keys = KeyProvider.fromSpec("k2:" + EncryptorProperties.K2 + ", k1:" + EncryptorProperties.K1);
    assertThat(keys.currentKeyId()).isEqualTo("k2");
    assertThat(keys.toString()).contains("k1", "k2").doesNotContain(EncryptorProperties.K1,
        EncryptorProperties.K2);
    assertThat(Encryptors.aesGcm(keys).toString()).doesNotContain(EncryptorProperties.K2);
  }

  @Test
  void fromSpec_rejectsShortKeyWithoutPrintingIt() {
    assertThatThrownBy(() -> KeyProvider.fromSpec("k1:AAAA"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("k1")
        .hasMessageContaining("32 bytes")
        .hasMessageNotContaining("AAAA");
  }

  @Test
  void fromKeyStore_readsPkcs12SecretKeysAndRotates(@TempDir Path dir) throws Exception {
    char[] pw = "changeit".toCharArray();
    KeyGenerator gen = KeyGenerator.getInstance("AES");
    gen.init(256);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, pw);
    ks.setEntry("2025", new KeyStore.SecretKeyEntry(gen.generateKey()), new KeyStore.PasswordProtection(pw));
    Path file = dir.resolve("keys.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      ks.store(out, pw);
    }
    KeyStore loaded = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      loaded.load(in, pw);
    }
    AssociatedData aad = AssociatedData.of("acme", "customer.email");
    byte[] old = Encryptors.aesGcm(KeyProvider.fromKeyStore(loaded, pw, "2025", List.of("2025")))
        .encrypt("a@b.example".getBytes(), aad);

    SecretKey next = gen.generateKey();
    loaded.setEntry("2026", new KeyStore.SecretKeyEntry(next), new KeyStore.PasswordProtection(pw));
    Encryptor rotated = Encryptors.aesGcm(KeyProvider.fromKeyStore(loaded, pw, "2026", List.of("2026", "2025")));
    assertThat(new String(rotated.decrypt(old, aad))).isEqualTo("a@b.example");
    assertThat(EncryptorProperties.keyIdOf(rotated.encrypt(new byte[0], aad))).isEqualTo("2026");
  }

  @Test
  void fromKeyStore_missingAliasIsNamed() throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    assertThatThrownBy(() -> KeyProvider.fromKeyStore(ks, new char[0], "x", List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'x' is missing");
  }

  @Test
  void decryptToString_garbageIsTypedFailureNamingTenantAndField() {
    Encryptor e = Encryptors.aesGcm(EncryptorProperties.ROTATED);
    assertThatThrownBy(() -> e.decryptToString("not base64 !", AssociatedData.of("acme", "f")))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageContaining("acme");
    assertThatThrownBy(() -> e.decrypt(new byte[] {9, 1, 65}, AssociatedData.of("acme", "f")))
        .isInstanceOf(DecryptionFailedException.class)
        .hasMessageContaining("version");
  }
}
