package io.strata.benchmarks.serde;

import io.strata.benchmarks.BenchmarkReport;
import io.strata.events.SampleEvent;
import io.strata.schemas.registry.InMemorySchemaRegistryClient;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encodes and decodes {@code samples} events through Strata's wire-format serde (in-memory registry client, so
 * the registry cache is measured and the network is not) and through plain Avro binary, in the same JVM and the
 * same rounds, taking turns in batches of a thousand operations. Prints and writes the median of the measured rounds.
 *
 * <p>Arguments (optional): operations per round (default 100000), measured rounds (default 20).
 */
public final class SerdeBenchmark {

  private static final Logger log = LoggerFactory.getLogger(SerdeBenchmark.class);
  private static final int WARM_UP_ROUNDS = 5;
  private static final int DISTINCT_EVENTS = 1024;
  private static final int BATCH = 1000;
  private static final double TARGET_OVERHEAD_PERCENT = 15;

  /** Keeps the JIT from removing work whose result is unused. */
  private static volatile long sink;

  enum Operation {
    ENCODE("encode"), DECODE("decode"), ROUND_TRIP("encode + decode");

    final String label;

    Operation(String label) {
      this.label = label;
    }
  }

  private SerdeBenchmark() {}

  public static void main(String[] args) {
    int opsPerRound = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    List<SampleEvent> events = SampleEvents.generate(DISTINCT_EVENTS, 42);
    Codec plain = new PlainAvroCodec();
    Codec wire = new WireFormatCodec(new InMemorySchemaRegistryClient());
    List<Codec> codecs = List.of(plain, wire);
    Map<Codec, byte[][]> encoded = Map.of(plain, encodeAll(plain, events), wire, encodeAll(wire, events));
    checkSameEvents(codecs, encoded, events);

    double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    log.info("Serde benchmark: warm-up rounds={} measured rounds={} operations per round={}", WARM_UP_ROUNDS, rounds,
        opsPerRound);
    for (int round = 0; round < WARM_UP_ROUNDS; round++) {
      measureRound(codecs, round, opsPerRound, events, encoded);
    }
    Map<Operation, Map<Codec, double[]>> nanosPerOp = new EnumMap<>(Operation.class);
    for (int round = 0; round < rounds; round++) {
      Map<Operation, Map<Codec, Double>> result = measureRound(codecs, round, opsPerRound, events, encoded);
      int r = round;
      result.forEach((operation, byCodec) -> byCodec.forEach((codec, nanos) -> nanosPerOp
          .computeIfAbsent(operation, o -> new java.util.HashMap<>())
          .computeIfAbsent(codec, c -> new double[rounds])[r] = nanos));
    }

    double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    String table = table(nanosPerOp, plain, wire, averageSize(encoded.get(plain)), averageSize(encoded.get(wire)),
        rounds, opsPerRound) + String.format(Locale.ROOT,
        "%nSystem load average (1 min) %.1f before and %.1f after the run, on %d cores.%n", loadBefore, loadAfter,
        Runtime.getRuntime().availableProcessors());
    log.info("Results (sink {}):\n{}", sink, table);
    BenchmarkReport.atRepositoryRoot().writeSection("Serde: Confluent wire format vs plain Avro", table);
  }

  /**
   * One round: for each operation, the codecs take turns in batches of {@value #BATCH} operations (the first
   * codec alternating), so that both see the same load from whatever else runs on the machine.
   */
  private static Map<Operation, Map<Codec, Double>> measureRound(List<Codec> codecs, int round, int ops,
      List<SampleEvent> events, Map<Codec, byte[][]> encoded) {
    Map<Operation, Map<Codec, Double>> result = new EnumMap<>(Operation.class);
    for (Operation operation : Operation.values()) {
      Map<Codec, Long> elapsed = new java.util.HashMap<>();
      for (int batch = 0; batch < ops / BATCH; batch++) {
        List<Codec> order = new ArrayList<>(codecs);
        if ((batch + round) % 2 == 1) {
          java.util.Collections.reverse(order);
        }
        for (Codec codec : order) {
          elapsed.merge(codec, run(operation, codec, batch * BATCH, events, encoded.get(codec)), Long::sum);
        }
      }
      elapsed.forEach((codec, nanos) ->
          result.computeIfAbsent(operation, o -> new java.util.HashMap<>()).put(codec, (double) nanos / ops));
    }
    return result;
  }

  /** Nanoseconds taken by {@value #BATCH} operations starting at event {@code first}. */
  private static long run(Operation operation, Codec codec, int first, List<SampleEvent> events, byte[][] encoded) {
    long checksum = 0;
    long start = System.nanoTime();
    for (int i = first; i < first + BATCH; i++) {
      int index = i & (DISTINCT_EVENTS - 1);
      switch (operation) {
        case ENCODE -> checksum += codec.encode(events.get(index)).length;
        case DECODE -> checksum += codec.decode(encoded[index]).getSampleId().length();
        case ROUND_TRIP -> checksum += codec.decode(codec.encode(events.get(index))).getSampleId().length();
      }
    }
    long elapsed = System.nanoTime() - start;
    sink += checksum;
    return elapsed;
  }

  private static byte[][] encodeAll(Codec codec, List<SampleEvent> events) {
    return events.stream().map(codec::encode).toArray(byte[][]::new);
  }

  private static void checkSameEvents(List<Codec> codecs, Map<Codec, byte[][]> encoded, List<SampleEvent> events) {
    for (Codec codec : codecs) {
      for (int i = 0; i < events.size(); i++) {
        if (!codec.decode(encoded.get(codec)[i]).equals(events.get(i))) {
          throw new IllegalStateException(codec.name() + " does not round-trip event " + i);
        }
      }
    }
  }

  private static double averageSize(byte[][] encoded) {
    return Arrays.stream(encoded).mapToInt(b -> b.length).average().orElse(0);
  }

  private static String table(Map<Operation, Map<Codec, double[]>> nanos, Codec plain, Codec wire, double plainSize,
      double wireSize, int rounds, int opsPerRound) {
    var out = new StringBuilder();
    out.append("`samples` events (").append(DISTINCT_EVENTS).append(" distinct uploads and quality results; ")
        .append(String.format(Locale.ROOT, "%.0f", plainSize)).append(" bytes of Avro on average, ")
        .append(String.format(Locale.ROOT, "%.0f", wireSize)).append(" in the wire format). Median of ")
        .append(rounds).append(" rounds of ").append(opsPerRound).append(" operations after ").append(WARM_UP_ROUNDS)
        .append(" warm-up rounds; one thread; the two codecs take turns every ").append(BATCH)
        .append(" operations, so both see the same machine; the serde uses the in-memory registry client, whose cache is the same"
            + " map lookups as the HTTP client's after warm-up.\n\n");
    out.append("| operation | ").append(plain.name()).append(" | ").append(wire.name())
        .append(" | overhead (median of rounds) | overhead range |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    double roundTripOverhead = 0;
    for (Operation operation : Operation.values()) {
      double[] base = nanos.get(operation).get(plain);
      double[] ours = nanos.get(operation).get(wire);
      // Each round measures both codecs back to back: their ratio cancels most of the machine's noise.
      double[] overheads = new double[base.length];
      for (int i = 0; i < base.length; i++) {
        overheads[i] = 100.0 * (ours[i] - base[i]) / base[i];
      }
      double overhead = median(overheads);
      double[] sorted = overheads.clone();
      Arrays.sort(sorted);
      out.append("| ").append(operation.label).append(" | ").append(cell(median(base))).append(" | ")
          .append(cell(median(ours))).append(" | ").append(String.format(Locale.ROOT, "%+.1f %%", overhead))
          .append(" | ").append(String.format(Locale.ROOT, "%+.1f %% to %+.1f %%", sorted[0], sorted[sorted.length - 1]))
          .append(" |\n");
      if (operation == Operation.ROUND_TRIP) {
        roundTripOverhead = overhead;
      }
    }
    out.append("\nTarget: encode + decode overhead at most ").append((int) TARGET_OVERHEAD_PERCENT).append(" % — ")
        .append(roundTripOverhead <= TARGET_OVERHEAD_PERCENT ? "met" : "**not met**")
        .append(String.format(Locale.ROOT, " (%+.1f %%).", roundTripOverhead)).append('\n');
    out.append("\nRun: `mvn -B -q -pl schemas install -DskipTests && mvn -B -q -pl benchmarks compile exec:java"
        + " -Dexec.mainClass=io.strata.benchmarks.serde.SerdeBenchmark`\n");
    return out.toString();
  }

  private static String cell(double nanosPerOp) {
    return String.format(Locale.ROOT, "%,.0f ns/op (%,.0f ops/s)", nanosPerOp, 1e9 / nanosPerOp);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
