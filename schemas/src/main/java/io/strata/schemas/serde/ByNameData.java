package io.strata.schemas.serde;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * A data model that writes a record with another version of its schema ({@code use.latest.version}): fields are
 * taken from the record by name, not by position, and a field the record's schema lacks is written with the
 * target schema's default.
 */
final class ByNameData extends SpecificData {

  ByNameData(GenericData model) {
    super(model.getClassLoader());
    model.getConversions().forEach(this::addLogicalTypeConversion);
  }

  @Override
  protected Object getRecordState(Object record, Schema schema) {
    return schema;
  }

  @Override
  protected Object getField(Object record, String name, int position, Object state) {
    IndexedRecord datum = (IndexedRecord) record;
    Schema.Field own = datum.getSchema().getField(name);
    if (own != null) {
      return datum.get(own.pos());
    }
    Schema.Field target = ((Schema) state).getField(name);
    if (target.hasDefaultValue()) {
      return getDefaultValue(target);
    }
    throw new AvroRuntimeException("field '" + name + "' of the latest schema " + ((Schema) state).getFullName()
        + " is missing from the record's schema " + datum.getSchema().getFullName() + " and has no default");
  }
}
