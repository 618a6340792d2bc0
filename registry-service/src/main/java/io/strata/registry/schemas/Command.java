package io.strata.registry.schemas;

/**
 * A change someone asked for. It is appended to {@code _schemas} as a proposal; what it does is decided
 * when the log is folded ({@link RegistryState#decide}), identically on every instance.
 */
sealed interface Command {

  /** The subject the command is about; null only for the global config. */
  String subject();

  /** Register {@code schema} (canonical Avro text) under {@code subject}. */
  record Register(String subject, String schema) implements Command {}

  /** Set ({@code level} non-null) or remove (null) the compatibility level of a subject, or the global one. */
  record SetConfig(String subject, CompatibilityLevel level) implements Command {}

  /** Soft-delete every live version of a subject, or permanently delete its soft-deleted versions. */
  record DeleteSubject(String subject, boolean permanent) implements Command {}

  /** Soft-delete one version, or permanently delete a soft-deleted one. */
  record DeleteVersion(String subject, VersionRef version, boolean permanent) implements Command {}
}
