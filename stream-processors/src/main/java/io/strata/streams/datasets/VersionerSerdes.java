package io.strata.streams.datasets;

import static io.strata.streams.state.BinarySerdes.nullable;
import static io.strata.streams.state.BinarySerdes.strings;

import io.strata.events.BoundingBox;
import io.strata.streams.state.BinarySerdes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serde;

/**
 * Binary serdes of the versioner's internal records (stores and repartition topics, never public topics). Each
 * value starts with a format byte so a later format can read older state.
 */
final class VersionerSerdes {

  private static final int FORMAT = 1;

  private VersionerSerdes() {
  }



  private static <T> Serde<T> serde(BinarySerdes.Writer<T> writer, BinarySerdes.Reader<T> reader) {
    return BinarySerdes.of("versioner", FORMAT, writer, reader);
  }

  static Serde<SampleHistory> histories() {
    return serde(VersionerSerdes::writeHistory, VersionerSerdes::readHistory);
  }

  static Serde<CutMarker> markers() {
    return serde(VersionerSerdes::writeMarker, VersionerSerdes::readMarker);
  }

  static Serde<SliceSummary> summaries() {
    return serde((out, s) -> {
      writeMarker(out, s.marker());
      out.writeLong(s.sliceMask());
      out.write(s.hashSum());
      out.writeLong(s.itemCount());
      out.writeInt(s.counts().size());
      for (var entry : s.counts().entrySet()) {
        out.writeUTF(entry.getKey());
        out.writeLong(entry.getValue());
      }
    }, in -> {
      CutMarker marker = readMarker(in);
      long mask = in.readLong();
      byte[] sum = in.readNBytes(32);
      long items = in.readLong();
      int n = in.readInt();
      var counts = new TreeMap<String, Long>();
      for (int i = 0; i < n; i++) {
        counts.put(in.readUTF(), in.readLong());
      }
      return new SliceSummary(marker, mask, sum, items, counts);
    });
  }

  static Serde<DatasetRecord> datasets() {
    return serde((out, d) -> {
      writeDefinition(out, d.definition());
      out.writeInt(d.lastVersion());
    }, in -> new DatasetRecord(readDefinition(in), in.readInt()));
  }

  private static void writeHistory(DataOutputStream out, SampleHistory history) throws IOException {
    out.writeInt(history.snapshots().size());
    for (var snapshot : history.snapshots()) {
      out.writeLong(snapshot.timestamp());
      SampleState s = snapshot.state();
      out.writeUTF(s.tenantId());
      out.writeUTF(s.sampleId());
      nullable(out, s.blobUri());
      strings(out, s.tags());
      out.writeByte(s.qualityPassed() == null ? 2 : s.qualityPassed() ? 1 : 0);
      out.writeBoolean(s.deleted());
      out.writeInt(s.labels().size());
      for (ActiveLabel label : s.labels()) {
        out.writeUTF(label.labelId());
        nullable(out, label.classLabel());
        out.writeInt(label.boxes().size());
        for (BoundingBox box : label.boxes()) {
          out.writeUTF(box.getClassLabel());
          out.writeDouble(box.getXMin());
          out.writeDouble(box.getYMin());
          out.writeDouble(box.getXMax());
          out.writeDouble(box.getYMax());
          out.writeBoolean(box.getDifficult());
        }
      }
    }
  }

  private static SampleHistory readHistory(DataInputStream in) throws IOException {
    int n = in.readInt();
    var snapshots = new ArrayList<SampleHistory.Snapshot>(n);
    for (int i = 0; i < n; i++) {
      long timestamp = in.readLong();
      String tenant = in.readUTF();
      String sample = in.readUTF();
      String blob = nullable(in);
      List<String> tags = strings(in);
      int quality = in.readUnsignedByte();
      boolean deleted = in.readBoolean();
      int labelCount = in.readInt();
      var labels = new ArrayList<ActiveLabel>(labelCount);
      for (int l = 0; l < labelCount; l++) {
        String labelId = in.readUTF();
        String classLabel = nullable(in);
        int boxCount = in.readInt();
        var boxes = new ArrayList<BoundingBox>(boxCount);
        for (int b = 0; b < boxCount; b++) {
          boxes.add(new BoundingBox(in.readUTF(), in.readDouble(), in.readDouble(), in.readDouble(),
              in.readDouble(), in.readBoolean()));
        }
        labels.add(new ActiveLabel(labelId, classLabel, boxes));
      }
      snapshots.add(new SampleHistory.Snapshot(timestamp, new SampleState(tenant, sample, blob, tags,
          quality == 2 ? null : quality == 1, deleted, labels)));
    }
    return new SampleHistory(snapshots);
  }

  private static void writeMarker(DataOutputStream out, CutMarker m) throws IOException {
    writeDefinition(out, m.dataset());
    out.writeInt(m.version());
    out.writeUTF(m.requestId());
    out.writeUTF(m.requestEventId());
    out.writeLong(m.asOf());
    out.writeInt(m.slice());
    out.writeInt(m.slices());
  }

  private static CutMarker readMarker(DataInputStream in) throws IOException {
    return new CutMarker(readDefinition(in), in.readInt(), in.readUTF(), in.readUTF(), in.readLong(), in.readInt(),
        in.readInt());
  }

  private static void writeDefinition(DataOutputStream out, DatasetDefinition d) throws IOException {
    out.writeUTF(d.datasetId());
    out.writeUTF(d.tenantId());
    out.writeUTF(d.name());
    strings(out, d.tags());
    strings(out, d.classes());
    out.writeBoolean(d.requireQualityPassed());
    out.writeInt(d.validationPercent());
    out.writeInt(d.testPercent());
  }

  private static DatasetDefinition readDefinition(DataInputStream in) throws IOException {
    return new DatasetDefinition(in.readUTF(), in.readUTF(), in.readUTF(), strings(in), strings(in),
        in.readBoolean(), in.readInt(), in.readInt());
  }
}
