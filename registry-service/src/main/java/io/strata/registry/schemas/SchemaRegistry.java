package io.strata.registry.schemas;

import io.strata.registry.schemas.Command.DeleteSubject;
import io.strata.registry.schemas.Command.DeleteVersion;
import io.strata.registry.schemas.Command.Register;
import io.strata.registry.schemas.Command.SetConfig;
import io.strata.registry.schemas.Outcome.AlreadyRegistered;
import io.strata.registry.schemas.Outcome.ConfigChanged;
import io.strata.registry.schemas.Outcome.Registered;
import io.strata.registry.schemas.Outcome.Rejected;
import io.strata.registry.schemas.Outcome.SubjectDeleted;
import io.strata.registry.schemas.Outcome.VersionDeleted;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations, with Confluent's semantics and errors and nothing of HTTP. Reads answer from the
 * store's latest view; writes are checked against that view first (so a doomed request writes nothing), then
 * stored and answered with the outcome the log decided.
 */
final class SchemaRegistry {

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistry.class);

  private final SchemaStore store;
  private final ParsedSchemas schemas = new ParsedSchemas();
  private final ConcurrentHashMap<Register, CompletableFuture<Outcome>> registering = new ConcurrentHashMap<>();

  SchemaRegistry(SchemaStore store) {
    this.store = store;
  }

  ParsedSchema schema(int id) {
    return store.view().schema(id).orElseThrow(() -> RegistryException.schemaNotFound(Integer.toString(id)));
  }

  /** The versions using schema {@code id}. */
  List<SchemaVersion> usages(int id, boolean deleted) {
    RegistryState view = store.view();
    view.schema(id).orElseThrow(() -> RegistryException.schemaNotFound(Integer.toString(id)));
    return view.usages(id, deleted);
  }

  List<String> subjects(boolean deleted) {
    return store.view().subjects(deleted);
  }

  List<SchemaVersion> versions(String subject, boolean deleted) {
    List<SchemaVersion> versions = store.view().versions(subject, deleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions;
  }

  SchemaVersion version(String subject, String version, boolean deleted) {
    VersionRef ref = VersionRef.parse(version);
    RegistryState view = store.view();
    return view.version(subject, ref, deleted).orElseThrow(() -> view.versions(subject, deleted).isEmpty()
        ? RegistryException.subjectNotFound(subject)
        : RegistryException.versionNotFound(ref.number()));
  }

  /** The version of {@code subject} that has this schema: a live one first, a soft-deleted one if asked. */
  SchemaVersion lookup(String subject, SchemaRequest request, boolean deleted) {
    ParsedSchema schema = schemas.parse(request);
    RegistryState view = store.view();
    if (view.versions(subject, deleted).isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return view.find(subject, schema, false)
        .or(() -> deleted ? view.find(subject, schema, true) : java.util.Optional.empty())
        .orElseThrow(RegistryException::schemaNotFound);
  }

  /**
   * The id of the schema if it is already a live version of the subject; answers without blocking, and
   * empty when the schema is new, refused, or the registry is not ready (then {@link #register} decides).
   */
  OptionalInt registeredId(String subject, SchemaRequest request) {
    return store.viewIfReady()
        .flatMap(view -> view.find(subject, schemas.parse(request), false))
        .map(version -> OptionalInt.of(version.id()))
        .orElse(OptionalInt.empty());
  }

  /**
   * Registers the schema under the subject, or finds it there already. Blocks until the log has decided.
   *
   * @return the schema's global id
   */
  int register(String subject, SchemaRequest request) {
    var command = new Register(subject, schemas.parse(request).canonical());
    Outcome expected = store.readyView().decide(command, -1);
    if (expected instanceof AlreadyRegistered existing) {
      return existing.id();
    }
    if (expected instanceof Rejected rejected) {
      throw rejected.exception();
    }
    Outcome outcome = submitShared(command);
    if (outcome instanceof Registered registered) {
      log.info("Schema registered: subject={} version={} id={}", subject, registered.version(), registered.id());
      return registered.id();
    }
    if (outcome instanceof AlreadyRegistered existing) {
      return existing.id();
    }
    throw rejection(outcome);
  }

  /** The problems that keep the schema from being registered; checks one version, or as the level says. */
  List<String> compatibility(String subject, String version, SchemaRequest request) {
    ParsedSchema schema = schemas.parse(request);
    VersionRef ref = version == null ? VersionRef.LATEST : VersionRef.parse(version);
    RegistryState view = store.view();
    List<SchemaVersion> live = view.versions(subject, false);
    if (ref.latest()) {
      return Compatibility.problems(view.level(subject), schema, live);
    }
    SchemaVersion target = live.stream().filter(v -> v.version() == ref.number()).findFirst()
        .orElseThrow(() -> live.isEmpty()
            ? RegistryException.subjectNotFound(subject)
            : RegistryException.versionNotFound(ref.number()));
    return Compatibility.problems(view.level(subject), schema, List.of(target));
  }

  CompatibilityLevel globalLevel() {
    return store.view().globalLevel();
  }

  /** The subject's own level; the global one instead when it has none and {@code defaultToGlobal}. */
  CompatibilityLevel subjectLevel(String subject, boolean defaultToGlobal) {
    RegistryState view = store.view();
    return view.subjectLevel(subject)
        .or(() -> defaultToGlobal ? java.util.Optional.of(view.globalLevel()) : java.util.Optional.empty())
        .orElseThrow(() -> RegistryException.subjectLevelNotConfigured(subject));
  }

  /** Sets the level of {@code subject}, or the global level when it is null. */
  CompatibilityLevel setLevel(String subject, String level) {
    CompatibilityLevel parsed = CompatibilityLevel.parse(level);
    Outcome outcome = store.submit(new SetConfig(subject, parsed));
    if (!(outcome instanceof ConfigChanged)) {
      throw rejection(outcome);
    }
    log.info("Compatibility level set: subject={} level={}", subject == null ? "(global)" : subject, parsed);
    return parsed;
  }

  /** Removes the subject's own level; returns the level it had. */
  CompatibilityLevel deleteLevel(String subject) {
    if (store.readyView().subjectLevel(subject).isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    Outcome outcome = store.submit(new SetConfig(subject, null));
    if (outcome instanceof ConfigChanged changed && changed.previous() != null) {
      log.info("Compatibility level removed: subject={} was={}", subject, changed.previous());
      return changed.previous();
    }
    throw rejection(outcome);
  }

  /** Soft-deletes the subject's live versions, or permanently deletes its soft-deleted ones. */
  List<Integer> deleteSubject(String subject, boolean permanent) {
    var command = new DeleteSubject(subject, permanent);
    requireAccepted(store.readyView().decide(command, -1));
    Outcome outcome = store.submit(command);
    if (outcome instanceof SubjectDeleted deleted) {
      log.info("Subject deleted: subject={} versions={} permanent={}", subject, deleted.versions(), permanent);
      return deleted.versions();
    }
    throw rejection(outcome);
  }

  /** Soft-deletes one version, or permanently deletes a soft-deleted one. */
  int deleteVersion(String subject, String version, boolean permanent) {
    var command = new DeleteVersion(subject, VersionRef.parse(version), permanent);
    requireAccepted(store.readyView().decide(command, -1));
    Outcome outcome = store.submit(command);
    if (outcome instanceof VersionDeleted deleted) {
      log.info("Version deleted: subject={} version={} permanent={}", subject, deleted.version(), permanent);
      return deleted.version();
    }
    throw rejection(outcome);
  }

  /** Concurrent registrations of the same schema under the same subject share one write. */
  private Outcome submitShared(Register command) {
    var mine = new CompletableFuture<Outcome>();
    CompletableFuture<Outcome> running = registering.putIfAbsent(command, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RegistryException registryException ? registryException : e;
      }
    }
    try {
      Outcome outcome = store.submit(command);
      mine.complete(outcome);
      return outcome;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      registering.remove(command, mine);
    }
  }

  private static void requireAccepted(Outcome expected) {
    if (expected instanceof Rejected rejected) {
      throw rejected.exception();
    }
  }

  private static RegistryException rejection(Outcome outcome) {
    if (outcome instanceof Rejected rejected) {
      return rejected.exception();
    }
    return new RegistryException(ErrorCode.STORE_ERROR, "Unexpected outcome from the schema log: " + outcome);
  }
}
