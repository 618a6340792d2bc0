package io.strata.streams.training;

import static io.strata.streams.state.BinarySerdes.nullable;
import static io.strata.streams.state.BinarySerdes.strings;

import io.strata.events.DriftSeverity;
import io.strata.streams.state.BinarySerdes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * Binary serdes of the trigger's internal records (its store and repartition topic, never public topics). Each
 * value starts with a format byte so a later format can read older state.
 */
final class TriggerSerdes {

  private static final int FORMAT = 1;
  private static final int RULE = 1;
  private static final int CUT = 2;
  private static final int LABEL = 3;
  private static final int DRIFT = 4;

  private TriggerSerdes() {
  }



  static Serde<TriggerInput> inputs() {
    return serde(TriggerSerdes::writeInput, TriggerSerdes::readInput);
  }

  static Serde<DatasetTrigger> states() {
    return serde(TriggerSerdes::writeState, TriggerSerdes::readState);
  }

  private static <T> Serde<T> serde(BinarySerdes.Writer<T> writer, BinarySerdes.Reader<T> reader) {
    return BinarySerdes.of("training trigger", FORMAT, writer, reader);
  }

  private static void writeInput(DataOutputStream out, TriggerInput input) throws IOException {
    if (input instanceof TriggerInput.Rule rule) {
      out.writeByte(RULE);
      out.writeUTF(rule.tenantId());
      out.writeUTF(rule.datasetId());
      strings(out, rule.classes());
      writePolicy(out, rule.policy());
      out.writeUTF(rule.eventId());
    } else if (input instanceof TriggerInput.Cut cut) {
      out.writeByte(CUT);
      out.writeUTF(cut.tenantId());
      out.writeUTF(cut.datasetId());
      out.writeUTF(cut.requestId());
      out.writeInt(cut.version());
      out.writeLong(cut.itemCount());
      out.writeUTF(cut.eventId());
    } else if (input instanceof TriggerInput.Label label) {
      out.writeByte(LABEL);
      out.writeUTF(label.tenantId());
      strings(out, label.classes());
      out.writeUTF(label.eventId());
    } else if (input instanceof TriggerInput.Drift drift) {
      out.writeByte(DRIFT);
      out.writeUTF(drift.tenantId());
      out.writeUTF(drift.modelName());
      out.writeInt(drift.modelVersion());
      out.writeUTF(drift.severity().name());
      out.writeUTF(drift.eventId());
    } else {
      throw new IllegalArgumentException("Unknown training trigger input " + input);
    }
  }

  private static TriggerInput readInput(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    return switch (type) {
      case RULE -> new TriggerInput.Rule(in.readUTF(), in.readUTF(), strings(in), readPolicy(in),
          in.readUTF());
      case CUT -> new TriggerInput.Cut(in.readUTF(), in.readUTF(), in.readUTF(), in.readInt(), in.readLong(),
          in.readUTF());
      case LABEL -> new TriggerInput.Label(in.readUTF(), strings(in), in.readUTF());
      case DRIFT -> new TriggerInput.Drift(in.readUTF(), in.readUTF(), in.readInt(),
          DriftSeverity.valueOf(in.readUTF()), in.readUTF());
      default -> throw new IllegalArgumentException("Unknown training trigger input type " + type);
    };
  }

  private static void writeState(DataOutputStream out, DatasetTrigger s) throws IOException {
    out.writeUTF(s.tenantId());
    out.writeUTF(s.datasetId());
    strings(out, s.classes());
    writePolicy(out, s.policy());
    out.writeInt(s.labelsCounted());
    out.writeInt(s.newLabelsRequests());
    out.writeInt(s.driftRequests());
    nullable(out, s.pendingNewLabels());
    nullable(out, s.pendingDrift());
    out.writeInt(s.newLabelsJobVersion());
    out.writeInt(s.driftJobVersion());
    out.writeInt(s.driftModelVersion());
  }

  private static DatasetTrigger readState(DataInputStream in) throws IOException {
    return new DatasetTrigger(in.readUTF(), in.readUTF(), strings(in), readPolicy(in), in.readInt(), in.readInt(),
        in.readInt(), nullable(in), nullable(in), in.readInt(), in.readInt(), in.readInt());
  }

  private static void writePolicy(DataOutputStream out, Policy policy) throws IOException {
    out.writeBoolean(policy != null);
    if (policy == null) {
      return;
    }
    out.writeInt(policy.newLabels() == null ? 0 : policy.newLabels());
    nullable(out, policy.driftSeverity() == null ? null : policy.driftSeverity().name());
    out.writeUTF(policy.modelName());
    out.writeUTF(policy.trainer());
    out.writeInt(policy.gpus());
    out.writeInt(policy.hyperparameters().size());
    for (var entry : policy.hyperparameters().entrySet()) {
      out.writeUTF(entry.getKey());
      out.writeUTF(entry.getValue());
    }
  }

  private static Policy readPolicy(DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return null;
    }
    int newLabels = in.readInt();
    String severity = nullable(in);
    String modelName = in.readUTF();
    String trainer = in.readUTF();
    int gpus = in.readInt();
    int n = in.readInt();
    var hyperparameters = new TreeMap<String, String>();
    for (int i = 0; i < n; i++) {
      hyperparameters.put(in.readUTF(), in.readUTF());
    }
    return new Policy(newLabels == 0 ? null : newLabels, severity == null ? null : DriftSeverity.valueOf(severity),
        modelName, trainer, gpus, hyperparameters);
  }
}
