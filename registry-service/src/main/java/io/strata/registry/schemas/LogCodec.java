package io.strata.registry.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.strata.registry.schemas.Outcome.ConfigChanged;
import io.strata.registry.schemas.Outcome.Registered;
import io.strata.registry.schemas.Outcome.SubjectDeleted;
import io.strata.registry.schemas.Outcome.VersionDeleted;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON layout of {@code _schemas} records (docs/schema-registry-storage.md). A key names one command:
 * {@code {"keytype":"SCHEMA","subject":"s","request":"<uuid>"}}. Its first value is the proposal (the
 * command's fields); a later value under the same key is the decision (the same fields plus the proposal's
 * {@code offset} and the {@code outcome}); a tombstone means the command changed nothing.
 */
final class LogCodec {

  static final String SCHEMA = "SCHEMA";
  static final String CONFIG = "CONFIG";
  static final String DELETE_SUBJECT = "DELETE_SUBJECT";
  static final String DELETE_VERSION = "DELETE_VERSION";

  /** A readable record: a proposal ({@code decided} null) or a decision. */
  record Entry(String request, Command command, Long offset, Outcome decided) {}

  private final ObjectMapper json = new ObjectMapper();

  String key(Command command, String request) {
    ObjectNode key = json.createObjectNode();
    key.put("keytype", keytype(command));
    key.put("subject", command.subject());
    key.put("request", request);
    return write(key);
  }

  String proposal(Command command) {
    return write(commandFields(command));
  }

  String decision(Command command, long offset, Outcome outcome) {
    ObjectNode value = commandFields(command);
    value.put("offset", offset);
    ObjectNode fields = value.putObject("outcome");
    if (outcome instanceof Registered registered) {
      fields.put("version", registered.version()).put("id", registered.id());
    } else if (outcome instanceof ConfigChanged changed) {
      fields.put("previous", changed.previous() == null ? null : changed.previous().name());
    } else if (outcome instanceof SubjectDeleted deleted) {
      deleted.versions().forEach(fields.putArray("versions")::add);
    } else if (outcome instanceof VersionDeleted deleted) {
      fields.put("version", deleted.version());
    } else {
      throw new IllegalArgumentException("Only state changes are written as decisions, not " + outcome);
    }
    return write(value);
  }

  /**
   * Reads a non-tombstone record.
   *
   * @throws IllegalArgumentException when the record is not in this layout
   */
  Entry read(String keyText, String valueText) {
    JsonNode key = parse(keyText);
    JsonNode value = parse(valueText);
    String keytype = key.path("keytype").asText();
    String request = key.path("request").asText(null);
    String subject = value.path("subject").isNull() ? null : value.path("subject").asText(null);
    if (request == null) {
      throw new IllegalArgumentException("Record key has no request id: " + keyText);
    }
    boolean permanent = value.path("permanent").asBoolean(false);
    Command command = switch (keytype) {
      case SCHEMA -> new Command.Register(subject, value.path("schema").asText());
      case CONFIG -> new Command.SetConfig(subject, level(value.path("compatibilityLevel")));
      case DELETE_SUBJECT -> new Command.DeleteSubject(subject, permanent);
      case DELETE_VERSION -> new Command.DeleteVersion(subject, VersionRef.parse(value.path("version").asText()),
          permanent);
      default -> throw new IllegalArgumentException("Unknown keytype '" + keytype + "' in key " + keyText);
    };
    JsonNode outcome = value.get("outcome");
    if (outcome == null) {
      return new Entry(request, command, null, null);
    }
    long offset = value.path("offset").asLong(-1);
    if (offset < 0) {
      throw new IllegalArgumentException("Decision without the proposal's offset: " + valueText);
    }
    Outcome decided = switch (keytype) {
      case SCHEMA -> new Registered(subject, outcome.path("version").asInt(), outcome.path("id").asInt(),
          ParsedSchema.parse(value.path("schema").asText()));
      case CONFIG -> new ConfigChanged(subject, level(value.path("compatibilityLevel")),
          level(outcome.path("previous")));
      case DELETE_SUBJECT -> new SubjectDeleted(subject, ints(outcome.path("versions")), permanent);
      default -> new VersionDeleted(subject, outcome.path("version").asInt(), permanent);
    };
    return new Entry(request, command, offset, decided);
  }

  private ObjectNode commandFields(Command command) {
    ObjectNode value = json.createObjectNode();
    value.put("subject", command.subject());
    if (command instanceof Command.Register register) {
      value.put("schema", register.schema()).put("schemaType", ParsedSchema.AVRO);
    } else if (command instanceof Command.SetConfig config) {
      value.put("compatibilityLevel", config.level() == null ? null : config.level().name());
    } else if (command instanceof Command.DeleteSubject delete) {
      value.put("permanent", delete.permanent());
    } else if (command instanceof Command.DeleteVersion delete) {
      value.put("version", delete.version().toString()).put("permanent", delete.permanent());
    }
    return value;
  }

  private static String keytype(Command command) {
    if (command instanceof Command.Register) {
      return SCHEMA;
    }
    if (command instanceof Command.SetConfig) {
      return CONFIG;
    }
    return command instanceof Command.DeleteSubject ? DELETE_SUBJECT : DELETE_VERSION;
  }

  private static CompatibilityLevel level(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : CompatibilityLevel.parse(node.asText());
  }

  private static List<Integer> ints(JsonNode array) {
    var ints = new ArrayList<Integer>();
    array.forEach(node -> ints.add(node.asInt()));
    return ints;
  }

  private JsonNode parse(String text) {
    try {
      JsonNode node = json.readTree(text);
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("Expected a JSON object, got: " + text);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private String write(JsonNode node) {
    try {
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write JSON " + node, e);
    }
  }
}
