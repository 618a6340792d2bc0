/**
 * App secrets: their generation, a type that never prints them, and their AES-256-GCM encryption at
 * rest under a rotatable {@link io.strata.auth.secrets.MasterKeyring}.
 *
 * <p>The {@code apps} topic only ever carries {@link io.strata.events.EncryptedSecret}s produced by
 * {@link io.strata.auth.secrets.SecretCipher}.
 */
package io.strata.auth.secrets;
