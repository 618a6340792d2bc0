package io.strata.registry.schemas;

import io.strata.registry.schemas.Outcome.AlreadyRegistered;
import io.strata.registry.schemas.Outcome.ConfigChanged;
import io.strata.registry.schemas.Outcome.Registered;
import io.strata.registry.schemas.Outcome.Rejected;
import io.strata.registry.schemas.Outcome.SubjectDeleted;
import io.strata.registry.schemas.Outcome.VersionDeleted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry at one point of the log: subjects, versions, ids and compatibility levels. {@link #decide}
 * is the only place where the rules live (versions, ids, compatibility, Confluent's delete rules); it is a
 * pure function of this state and the command, so every instance folding the same log decides the same.
 *
 * <p>Not thread-safe: the store's reader thread owns one instance and publishes {@link #copy() copies},
 * which nobody mutates, to request threads.
 */
final class RegistryState {

  private static final Logger log = LoggerFactory.getLogger(RegistryState.class);
  private static final NavigableMap<Integer, SchemaVersion> NO_VERSIONS = Collections.emptyNavigableMap();

  private final CompatibilityLevel defaultLevel;
  private CompatibilityLevel globalLevel;
  private final Map<String, CompatibilityLevel> subjectLevels;
  private final NavigableMap<String, NavigableMap<Integer, SchemaVersion>> subjects;
  private final Map<Integer, ParsedSchema> schemasById;
  private final Map<String, Integer> idsByCanonical;

  /** An empty registry whose global level is {@code defaultLevel} until a config record sets another. */
  RegistryState(CompatibilityLevel defaultLevel) {
    this(defaultLevel, null, new HashMap<>(), new TreeMap<>(), new HashMap<>(), new HashMap<>());
  }

  private RegistryState(CompatibilityLevel defaultLevel, CompatibilityLevel globalLevel,
      Map<String, CompatibilityLevel> subjectLevels, NavigableMap<String, NavigableMap<Integer, SchemaVersion>> subjects,
      Map<Integer, ParsedSchema> schemasById, Map<String, Integer> idsByCanonical) {
    this.defaultLevel = defaultLevel;
    this.globalLevel = globalLevel;
    this.subjectLevels = subjectLevels;
    this.subjects = subjects;
    this.schemasById = schemasById;
    this.idsByCanonical = idsByCanonical;
  }

  /** A copy that shares nothing mutable with this state. */
  RegistryState copy() {
    var subjectsCopy = new TreeMap<String, NavigableMap<Integer, SchemaVersion>>();
    subjects.forEach((subject, versions) -> subjectsCopy.put(subject, new TreeMap<>(versions)));
    return new RegistryState(defaultLevel, globalLevel, new HashMap<>(subjectLevels), subjectsCopy,
        new HashMap<>(schemasById), new HashMap<>(idsByCanonical));
  }

  // ---- decisions -------------------------------------------------------------------------------------

  /**
   * What {@code command} does to this state. Never throws for a refused command: the refusal is an outcome.
   *
   * @param offset the log offset of the command's proposal; a schema new to the registry gets id
   *     {@code offset + 1}, so ids follow the log and every instance derives the same one
   */
  Outcome decide(Command command, long offset) {
    try {
      if (command instanceof Command.Register register) {
        return register(register, offset);
      }
      if (command instanceof Command.SetConfig setConfig) {
        return setConfig(setConfig);
      }
      if (command instanceof Command.DeleteSubject deleteSubject) {
        return deleteSubject(deleteSubject);
      }
      if (command instanceof Command.DeleteVersion deleteVersion) {
        return deleteVersion(deleteVersion);
      }
      throw new IllegalArgumentException("Unknown command " + command);
    } catch (RegistryException e) {
      return Rejected.of(e);
    }
  }

  private Outcome register(Command.Register command, long offset) {
    String subject = command.subject();
    ParsedSchema schema = ParsedSchema.parse(command.schema());
    NavigableMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, NO_VERSIONS);
    for (SchemaVersion version : versions.values()) {
      if (!version.deleted() && version.schema().equals(schema)) {
        return new AlreadyRegistered(subject, version.version(), version.id());
      }
    }
    CompatibilityLevel level = level(subject);
    List<String> problems = Compatibility.problems(level, schema, live(versions));
    if (!problems.isEmpty()) {
      throw new RegistryException(ErrorCode.INCOMPATIBLE_SCHEMA, "Schema being registered is incompatible with"
          + " an earlier schema for subject \"" + subject + "\" (compatibility " + level + "), details: "
          + problems);
    }
    int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
    Integer existingId = idsByCanonical.get(schema.canonical());
    return new Registered(subject, version, existingId != null ? existingId : newId(offset), schema);
  }

  private static int newId(long offset) {
    if (offset + 1 > Integer.MAX_VALUE) {
      throw new RegistryException(ErrorCode.STORE_ERROR, "The schema topic has passed offset " + Integer.MAX_VALUE
          + "; schema ids derived from it would not fit Confluent's 32-bit ids. Move the registry to a new topic.");
    }
    return (int) Math.max(offset + 1, 0);
  }

  private Outcome setConfig(Command.SetConfig command) {
    String subject = command.subject();
    CompatibilityLevel previous = subject == null ? globalLevel : subjectLevels.get(subject);
    if (command.level() == null && previous == null && subject != null) {
      throw RegistryException.subjectNotFound(subject);
    }
    return new ConfigChanged(subject, command.level(), previous);
  }

  private Outcome deleteSubject(Command.DeleteSubject command) {
    String subject = command.subject();
    NavigableMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, NO_VERSIONS);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    List<SchemaVersion> live = live(versions);
    if (command.permanent()) {
      if (!live.isEmpty()) {
        throw RegistryException.subjectNotSoftDeleted(subject);
      }
      return new SubjectDeleted(subject, List.copyOf(versions.keySet()), true);
    }
    if (live.isEmpty()) {
      throw RegistryException.subjectSoftDeleted(subject);
    }
    return new SubjectDeleted(subject, live.stream().map(SchemaVersion::version).toList(), false);
  }

  private Outcome deleteVersion(Command.DeleteVersion command) {
    String subject = command.subject();
    NavigableMap<Integer, SchemaVersion> versions = subjects.getOrDefault(subject, NO_VERSIONS);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    SchemaVersion target;
    if (command.version().latest()) {
      List<SchemaVersion> live = live(versions);
      target = command.permanent() || live.isEmpty() ? versions.lastEntry().getValue() : live.get(live.size() - 1);
    } else {
      target = versions.get(command.version().number());
      if (target == null) {
        throw RegistryException.versionNotFound(command.version().number());
      }
    }
    if (!command.permanent() && target.deleted()) {
      throw RegistryException.versionSoftDeleted(subject, target.version());
    }
    if (command.permanent() && !target.deleted()) {
      throw RegistryException.versionNotSoftDeleted(subject, target.version());
    }
    return new VersionDeleted(subject, target.version(), command.permanent());
  }

  // ---- applying decided outcomes ---------------------------------------------------------------------

  /** Applies a decided outcome. Tolerates versions that are gone: a replay may no longer contain them. */
  void apply(Outcome outcome) {
    if (outcome instanceof Registered registered) {
      var previous = subjects.computeIfAbsent(registered.subject(), s -> new TreeMap<>())
          .put(registered.version(), new SchemaVersion(registered.subject(), registered.version(), registered.id(),
              registered.schema(), false));
      if (previous != null && previous.id() != registered.id()) {
        log.warn("Version replaced while folding the schema log: subject={} version={} oldId={} newId={}",
            registered.subject(), registered.version(), previous.id(), registered.id());
      }
      schemasById.putIfAbsent(registered.id(), registered.schema());
      idsByCanonical.putIfAbsent(registered.schema().canonical(), registered.id());
    } else if (outcome instanceof ConfigChanged config) {
      if (config.subject() == null) {
        globalLevel = config.level();
      } else if (config.level() == null) {
        subjectLevels.remove(config.subject());
      } else {
        subjectLevels.put(config.subject(), config.level());
      }
    } else if (outcome instanceof SubjectDeleted deleted) {
      deleted.versions().forEach(version -> delete(deleted.subject(), version, deleted.permanent()));
      if (deleted.permanent() && !subjects.containsKey(deleted.subject())) {
        subjectLevels.remove(deleted.subject());
      }
    } else if (outcome instanceof VersionDeleted deleted) {
      delete(deleted.subject(), deleted.version(), deleted.permanent());
    }
  }

  private void delete(String subject, int version, boolean permanent) {
    NavigableMap<Integer, SchemaVersion> versions = subjects.get(subject);
    SchemaVersion existing = versions == null ? null : versions.get(version);
    if (existing == null) {
      return;
    }
    if (!permanent) {
      versions.put(version, existing.softDeleted());
      return;
    }
    versions.remove(version);
    if (versions.isEmpty()) {
      subjects.remove(subject);
    }
    boolean stillUsed = subjects.values().stream()
        .anyMatch(vs -> vs.values().stream().anyMatch(v -> v.id() == existing.id()));
    if (!stillUsed) {
      schemasById.remove(existing.id());
      idsByCanonical.remove(existing.schema().canonical(), existing.id());
    }
  }

  // ---- queries ---------------------------------------------------------------------------------------

  /** The schema with this id, while any version (soft-deleted included) still uses it. */
  Optional<ParsedSchema> schema(int id) {
    return Optional.ofNullable(schemasById.get(id));
  }

  /** The versions that use schema {@code id}, by subject then version. */
  List<SchemaVersion> usages(int id, boolean includeDeleted) {
    var usages = new ArrayList<SchemaVersion>();
    subjects.values().forEach(versions -> versions.values().stream()
        .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
        .forEach(usages::add));
    return usages;
  }

  /** Subjects with a live version, or with any version when {@code includeDeleted}; sorted. */
  List<String> subjects(boolean includeDeleted) {
    return subjects.entrySet().stream()
        .filter(e -> includeDeleted || e.getValue().values().stream().anyMatch(v -> !v.deleted()))
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The subject's versions, oldest first: live ones, or all when {@code includeDeleted}. */
  List<SchemaVersion> versions(String subject, boolean includeDeleted) {
    var versions = subjects.getOrDefault(subject, NO_VERSIONS);
    return includeDeleted ? List.copyOf(versions.values()) : live(versions);
  }

  /** The version {@code ref} names, among live versions or all versions. */
  Optional<SchemaVersion> version(String subject, VersionRef ref, boolean includeDeleted) {
    List<SchemaVersion> versions = versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    if (ref.latest()) {
      return Optional.of(versions.get(versions.size() - 1));
    }
    return versions.stream().filter(v -> v.version() == ref.number()).findFirst();
  }

  /** The version of {@code subject} whose schema is {@code schema}, if any. */
  Optional<SchemaVersion> find(String subject, ParsedSchema schema, boolean includeDeleted) {
    return versions(subject, includeDeleted).stream().filter(v -> v.schema().equals(schema)).findFirst();
  }

  /** The subject's own level, if one was set. */
  Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The global level: the last one set, or the configured default. */
  CompatibilityLevel globalLevel() {
    return globalLevel != null ? globalLevel : defaultLevel;
  }

  /** The level that applies to {@code subject}. */
  CompatibilityLevel level(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel());
  }

  private static List<SchemaVersion> live(NavigableMap<Integer, SchemaVersion> versions) {
    return versions.values().stream().filter(v -> !v.deleted()).toList();
  }
}
