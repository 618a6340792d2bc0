package io.strata.auth.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.events.EncryptedSecret;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

  private static final String APP = "ak_4Fz9QmT2xLp8RcV1bN6w";
  private static final String KEY_2025 = key(1);
  private static final String KEY_2026 = key(2);

  private final SecureRandom random = new SecureRandom();
  private final AppSecret secret = new CredentialGenerator(random).newSecret();
  private final SecretCipher cipher = new SecretCipher(MasterKeyring.parse("2025-01:" + KEY_2025), random);

  @Test
  void shouldDecryptWhatItEncrypted() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);

    assertThat(cipher.decrypt(APP, encrypted).reveal()).isEqualTo(secret.reveal());
  }

  @Test
  void shouldRecordTheKeyIdAndAFreshTwelveByteNonceWithEveryCiphertext() {
    EncryptedSecret first = cipher.encrypt(APP, secret);
    EncryptedSecret second = cipher.encrypt(APP, secret);

    assertThat(first.getKeyId()).isEqualTo("2025-01");
    assertThat(first.getNonce().remaining()).isEqualTo(12);
    assertThat(first.getNonce()).isNotEqualTo(second.getNonce());
    assertThat(first.getCiphertext()).isNotEqualTo(second.getCiphertext());
    assertThat(first.getCiphertext().remaining()).as("43 bytes and a 16-byte tag").isEqualTo(43 + 16);
  }

  @Test
  void shouldNeverCarryThePlainSecret() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);

    assertThat(new String(bytes(encrypted.getCiphertext()), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(secret.reveal());
    assertThat(encrypted.toString()).doesNotContain(secret.reveal());
  }

  @Test
  void shouldRefuseACiphertextMovedToAnotherApp() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);

    assertThatThrownBy(() -> cipher.decrypt("ak_Q7wE2rT9yU4iO1pA6sD3", encrypted))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageContaining("ak_Q7wE2rT9yU4iO1pA6sD3").hasMessageContaining("belongs to another app")
        .hasMessageNotContaining(secret.reveal());
  }

  @Test
  void shouldRefuseATamperedCiphertextNonceOrTag() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);
    byte[] ciphertext = bytes(encrypted.getCiphertext());
    byte[] nonce = bytes(encrypted.getNonce());

    for (int i : new int[] {0, 20, ciphertext.length - 1}) {
      byte[] tampered = ciphertext.clone();
      tampered[i] ^= 1;
      assertThatThrownBy(() -> cipher.decrypt(APP, withCiphertext(encrypted, tampered)))
          .isInstanceOf(SecretDecryptionException.class).hasMessageContaining("does not authenticate");
    }
    nonce[0] ^= 1;
    assertThatThrownBy(() -> cipher.decrypt(APP, new EncryptedSecret("2025-01", ByteBuffer.wrap(nonce),
        ByteBuffer.wrap(ciphertext)))).isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void shouldNameAMissingMasterKeyIdAndTheKeysItHas() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);
    var otherKeyring = new SecretCipher(MasterKeyring.parse("2026-01:" + KEY_2026), random);

    assertThatThrownBy(() -> otherKeyring.decrypt(APP, encrypted))
        .isInstanceOf(SecretDecryptionException.class)
        .hasMessageContaining("master key '2025-01' is not in the keyring [2026-01]")
        .hasMessageNotContaining(KEY_2025).hasMessageNotContaining(KEY_2026);
  }

  @Test
  void shouldRefuseASecretEncryptedUnderAnotherKeyWithTheSameId() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);
    var impostor = new SecretCipher(MasterKeyring.parse("2025-01:" + KEY_2026), random);

    assertThatThrownBy(() -> impostor.decrypt(APP, encrypted)).isInstanceOf(SecretDecryptionException.class);
  }

  @Test
  void shouldStillDecryptOldCiphertextsAfterANewActiveKeyIsAdded() {
    EncryptedSecret old = cipher.encrypt(APP, secret);
    var rotated = new SecretCipher(MasterKeyring.parse("2025-01:" + KEY_2025 + "\n2026-01:" + KEY_2026), random);

    EncryptedSecret fresh = rotated.encrypt(APP, secret);

    assertThat(rotated.decrypt(APP, old).reveal()).isEqualTo(secret.reveal());
    assertThat(fresh.getKeyId()).isEqualTo("2026-01");
    assertThat(rotated.decrypt(APP, fresh).reveal()).isEqualTo(secret.reveal());
    assertThat(rotated.needsReencryption(old)).isTrue();
    assertThat(rotated.needsReencryption(fresh)).isFalse();
  }

  @Test
  void shouldRefuseANonceOfTheWrongLength() {
    EncryptedSecret encrypted = cipher.encrypt(APP, secret);

    assertThatThrownBy(() -> cipher.decrypt(APP, new EncryptedSecret("2025-01", ByteBuffer.wrap(new byte[8]),
        encrypted.getCiphertext()))).isInstanceOf(SecretDecryptionException.class).hasMessageContaining("12");
  }

  @Test
  void shouldNotPrintKeyMaterial() {
    assertThat(cipher.toString()).contains("2025-01").doesNotContain(KEY_2025);
  }

  private static EncryptedSecret withCiphertext(EncryptedSecret encrypted, byte[] ciphertext) {
    return new EncryptedSecret(encrypted.getKeyId(), encrypted.getNonce(), ByteBuffer.wrap(ciphertext));
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  static String key(int seed) {
    byte[] key = new byte[32];
    new java.util.Random(seed).nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }
}
