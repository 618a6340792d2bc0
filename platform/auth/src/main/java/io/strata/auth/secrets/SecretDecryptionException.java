package io.strata.auth.secrets;

/**
 * An encrypted app secret could not be decrypted: its master key is not in the keyring, or the
 * ciphertext was altered, moved to another app, or encrypted under another key. Fatal for that secret;
 * the message names the app and the key id, never key material or plaintext.
 */
public final class SecretDecryptionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SecretDecryptionException(String message) {
    super(message);
  }

  SecretDecryptionException(String message, Throwable cause) {
    super(message, cause);
  }
}
