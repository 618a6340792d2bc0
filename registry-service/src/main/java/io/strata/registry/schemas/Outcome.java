package io.strata.registry.schemas;

import java.util.List;

/** What a {@link Command} did, as decided when the log was folded. */
sealed interface Outcome {

  /** Whether applying the outcome changes the registry; those that do not leave no trace in the log. */
  default boolean changesState() {
    return true;
  }

  /** A new version: {@code id} is the schema's existing id, or derived from the proposal's offset. */
  record Registered(String subject, int version, int id, ParsedSchema schema) implements Outcome {}

  /** The schema was already a live version of the subject: nothing changes, the caller gets its id. */
  record AlreadyRegistered(String subject, int version, int id) implements Outcome {
    @Override
    public boolean changesState() {
      return false;
    }
  }

  /** A compatibility level was set (or removed: {@code level} null); {@code previous} may be null. */
  record ConfigChanged(String subject, CompatibilityLevel level, CompatibilityLevel previous) implements Outcome {}

  /** These versions of the subject were soft-deleted, or permanently deleted. */
  record SubjectDeleted(String subject, List<Integer> versions, boolean permanent) implements Outcome {
    public SubjectDeleted {
      versions = List.copyOf(versions);
    }
  }

  /** This version was soft-deleted, or permanently deleted. */
  record VersionDeleted(String subject, int version, boolean permanent) implements Outcome {}

  /** The command was refused; nothing changes. */
  record Rejected(ErrorCode code, String message) implements Outcome {

    static Rejected of(RegistryException e) {
      return new Rejected(e.code(), e.getMessage());
    }

    RegistryException exception() {
      return new RegistryException(code, message);
    }

    @Override
    public boolean changesState() {
      return false;
    }
  }
}
