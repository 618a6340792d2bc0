package io.strata.schemas.connect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Sets a Connect {@link Struct}'s field without {@link Struct#put(Field, Object)}'s validation, for values that are
 * valid by construction: converted from an Avro datum of the schema the Connect schema was translated from, or
 * copied from a struct that already holds them under the same field schema.
 *
 * <p>Why: {@code put} validates every value against its schema, a nested struct's whole content again each
 * time it is put into its parent, and a map's every entry (building its error label by string concatenation
 * whether or not it fails). In the lakehouse sink that was about 6 % of a task thread's time (JFR, 2026-11-24),
 * spent re-checking values the converter had just built. The struct's own value array is written through a
 * {@link VarHandle}; where the runtime does not allow that (a Connect version with another layout), every set
 * falls back to {@code put}, so behaviour never depends on it. {@code TrustedStructsTest} checks that the result
 * equals, and validates like, a struct built with {@code put}.
 */
public final class TrustedStructs {

  private static final VarHandle VALUES = valuesHandle();

  private TrustedStructs() {}

  private static VarHandle valuesHandle() {
    try {
      return MethodHandles.privateLookupIn(Struct.class, MethodHandles.lookup())
          .findVarHandle(Struct.class, "values", Object[].class);
    } catch (ReflectiveOperationException | RuntimeException unavailable) {
      return null;
    }
  }

  /** Sets {@code field} of {@code struct} to {@code value}, which must be valid for the field's schema. */
  public static void set(Struct struct, Field field, Object value) {
    if (VALUES == null) {
      struct.put(field, value);
    } else {
      ((Object[]) VALUES.get(struct))[field.index()] = value;
    }
  }

  /** Whether sets skip validation here (false: they fall back to {@code put}). */
  static boolean direct() {
    return VALUES != null;
  }
}
