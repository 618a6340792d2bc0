package io.strata.auth.secrets;

import io.strata.events.EncryptedSecret;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts app secrets at rest with AES-256-GCM under the keyring's active master key: a fresh random
 * 12-byte nonce per encryption, a 128-bit tag, and {@code strata/app-secret/v1:<appKey>} as associated
 * data so that a ciphertext copied onto another app does not decrypt. The key id travels with the
 * ciphertext, so secrets encrypted before a master-key rotation still decrypt.
 */
public final class SecretCipher {

  static final int NONCE_BYTES = 12;
  static final int TAG_BITS = 128;
  static final String AAD_PREFIX = "strata/app-secret/v1:";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";

  private final MasterKeyring keyring;
  private final SecureRandom random;

  public SecretCipher(MasterKeyring keyring, SecureRandom random) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** Encrypts {@code secret} for the app {@code appKey} under the active master key. */
  public EncryptedSecret encrypt(String appKey, AppSecret secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plaintext = secret.bytes();
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keyring.activeKey(), nonce, appKey);
      byte[] ciphertext = cipher.doFinal(plaintext);
      return new EncryptedSecret(keyring.activeKeyId(), ByteBuffer.wrap(nonce), ByteBuffer.wrap(ciphertext));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to encrypt the secret of app '" + appKey + "'", e);
    } finally {
      AppSecret.wipe(plaintext);
    }
  }

  /**
   * Decrypts the secret of {@code appKey}.
   *
   * @throws SecretDecryptionException if the key id is not in the keyring, or the ciphertext does not
   *     authenticate for this app under that key
   */
  public AppSecret decrypt(String appKey, EncryptedSecret encrypted) {
    String keyId = encrypted.getKeyId();
    SecretKey key = keyring.key(keyId).orElseThrow(() -> new SecretDecryptionException(
        "Cannot decrypt the secret of app '" + appKey + "': master key '" + keyId + "' is not in the keyring "
            + keyring.keyIds() + "; add it back to the key file (keys stay until every secret is re-encrypted)"));
    byte[] nonce = bytes(encrypted.getNonce());
    if (nonce.length != NONCE_BYTES) {
      throw new SecretDecryptionException("Cannot decrypt the secret of app '" + appKey + "': the nonce is "
          + nonce.length + " bytes, AES-GCM secrets carry " + NONCE_BYTES);
    }
    byte[] plaintext = null;
    try {
      plaintext = cipher(Cipher.DECRYPT_MODE, key, nonce, appKey).doFinal(bytes(encrypted.getCiphertext()));
      return AppSecret.fromBytes(plaintext);
    } catch (AEADBadTagException e) {
      throw new SecretDecryptionException("Cannot decrypt the secret of app '" + appKey + "' with master key '"
          + keyId + "': it does not authenticate (the ciphertext was altered, belongs to another app, or was "
          + "encrypted under a different key with this id)", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-GCM failed to decrypt the secret of app '" + appKey + "'", e);
    } catch (IllegalArgumentException e) {
      throw new SecretDecryptionException("The secret of app '" + appKey + "' decrypted under master key '"
          + keyId + "' is not a valid app secret", e);
    } finally {
      if (plaintext != null) {
        AppSecret.wipe(plaintext);
      }
    }
  }

  /** True when {@code encrypted} is under an older master key and should be re-encrypted. */
  public boolean needsReencryption(EncryptedSecret encrypted) {
    return !keyring.activeKeyId().equals(encrypted.getKeyId());
  }

  @Override
  public String toString() {
    return "SecretCipher[" + keyring + "]";
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String appKey)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD((AAD_PREFIX + appKey).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }
}
