package io.strata.registry.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/**
 * Checks a candidate schema against a subject's earlier versions with Avro's own
 * {@link SchemaCompatibility}, and says in words which rule failed, against which version, on which field.
 */
final class Compatibility {

  private Compatibility() {}

  /**
   * The problems that keep {@code candidate} from following {@code previous} under {@code level}; empty
   * when it is compatible.
   *
   * @param previous the subject's live versions, oldest first
   */
  static List<String> problems(CompatibilityLevel level, ParsedSchema candidate, List<SchemaVersion> previous) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    int oldest = level.transitive() ? 0 : previous.size() - 1;
    var problems = new ArrayList<String>();
    for (int i = previous.size() - 1; i >= oldest; i--) {
      SchemaVersion old = previous.get(i);
      if (level.backward()) {
        check(candidate.avro(), old.schema().avro(), "new", "old (version " + old.version() + ")", level, problems);
      }
      if (level.forward()) {
        check(old.schema().avro(), candidate.avro(), "old (version " + old.version() + ")", "new", level, problems);
      }
    }
    return List.copyOf(problems);
  }

  private static void check(Schema reader, Schema writer, String readerName, String writerName,
      CompatibilityLevel level, List<String> problems) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    for (Incompatibility incompatibility : result.getIncompatibilities()) {
      problems.add(level + ": " + incompatibility.getType() + ": "
          + describe(incompatibility, readerName, writerName));
    }
  }

  private static String describe(Incompatibility incompatibility, String reader, String writer) {
    String at = incompatibility.getLocation();
    String detail = incompatibility.getMessage();
    return switch (incompatibility.getType()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> "the field '" + detail + "' at path '" + at + "' in the " + reader
          + " schema has no default value and is missing in the " + writer + " schema";
      case TYPE_MISMATCH -> "the type at path '" + at + "' in the " + reader + " schema does not match the "
          + writer + " schema (" + detail + ")";
      case NAME_MISMATCH -> "the name at path '" + at + "' differs between the " + reader + " and the " + writer
          + " schema (" + detail + ")";
      case MISSING_ENUM_SYMBOLS -> "the " + reader + " schema is missing enum symbols " + detail + " at path '"
          + at + "' that the " + writer + " schema has, and its enum has no default";
      case MISSING_UNION_BRANCH -> "the " + reader + " schema is missing a union branch at path '" + at
          + "' that the " + writer + " schema has (" + detail + ")";
      case FIXED_SIZE_MISMATCH -> "the size of the fixed type at path '" + at + "' differs between the " + reader
          + " and the " + writer + " schema (" + detail + ")";
      default -> "at path '" + at + "': " + detail;
    };
  }
}
