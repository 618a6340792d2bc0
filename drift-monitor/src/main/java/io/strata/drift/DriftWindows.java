package io.strata.drift;

import io.strata.drift.stats.Bins;
import io.strata.drift.stats.Ks;
import io.strata.drift.stats.Psi;
import io.strata.drift.stats.SeverityBands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Tumbling event-time windows of one model version's predictions, compared with its reference profile when the
 * watermark passes the window's end. Keyed by {@code tenant/model/version}; the profile and the windows' counts are
 * keyed state, so a restore from a checkpoint resumes every open window. Predictions that come before their
 * version's profile wait in state until it arrives; a window that closes with no profile, and a prediction later
 * than its window, go to the {@link #DEAD_LETTERS} side output with the reason, never dropped unseen.
 */
final class DriftWindows extends KeyedProcessFunction<String, Observation, WindowReport> {

  private static final long serialVersionUID = 1L;
  /** Records for the dead-letter topic: poison records, late predictions, windows without a profile. */
  static final OutputTag<Observation> DEAD_LETTERS = new OutputTag<>("dead-letters",
      TypeInformation.of(Observation.class));

  private final long windowMillis;
  private final SeverityBands bands;
  private transient ValueState<Observation> profile;
  private transient MapState<Long, WindowCounts> windows;
  private transient ListState<Observation> waiting;

  DriftWindows(long windowMillis, SeverityBands bands) {
    this.windowMillis = windowMillis;
    this.bands = bands;
  }

  @Override
  public void open(OpenContext context) {
    profile = getRuntimeContext().getState(new ValueStateDescriptor<>("profile", Observation.class));
    windows = getRuntimeContext().getMapState(new MapStateDescriptor<>("windows", Types.LONG,
        TypeInformation.of(WindowCounts.class)));
    waiting = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting", Observation.class));
  }

  @Override
  public void processElement(Observation o, Context context, Collector<WindowReport> out) throws Exception {
    if (o.kind == Observation.Kind.POISON) {
      context.output(DEAD_LETTERS, o);
      return;
    }
    if (o.kind == Observation.Kind.PROFILE) {
      profile.update(o);
      List<Observation> pending = new ArrayList<>();
      waiting.get().forEach(pending::add);
      waiting.clear();
      for (Observation prediction : pending) {
        count(prediction, o, context);
      }
      return;
    }
    long windowStart = o.timestamp - Math.floorMod(o.timestamp, windowMillis);
    if (windowStart + windowMillis <= context.timerService().currentWatermark()) {
      o.reason = "LATE_PREDICTION: its window [" + windowStart + ", " + (windowStart + windowMillis)
          + ") was already reported";
      context.output(DEAD_LETTERS, o);
      return;
    }
    Observation reference = profile.value();
    if (reference == null) {
      waiting.add(o);
      context.timerService().registerEventTimeTimer(windowStart + windowMillis);
      return;
    }
    count(o, reference, context);
  }

  private void count(Observation prediction, Observation reference, Context context) throws Exception {
    long windowStart = prediction.timestamp - Math.floorMod(prediction.timestamp, windowMillis);
    WindowCounts counts = windows.get(windowStart);
    if (counts == null) {
      counts = new WindowCounts();
      context.timerService().registerEventTimeTimer(windowStart + windowMillis);
    }
    counts.count++;
    for (Map.Entry<String, double[]> feature : reference.binEdges.entrySet()) {
      Double value = prediction.features.get(feature.getKey());
      if (value == null) {
        continue;
      }
      long[] bins = counts.featureBins.computeIfAbsent(feature.getKey(), k -> new long[feature.getValue().length - 1]);
      bins[Bins.of(value, feature.getValue())]++;
    }
    if (prediction.predictedClass != null) {
      counts.classes.merge(prediction.predictedClass, 1L, Long::sum);
    }
    windows.put(windowStart, counts);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<WindowReport> out) throws Exception {
    long windowStart = timestamp - windowMillis;
    Observation reference = profile.value();
    if (reference == null) {
      long stranded = 0;
      var keep = new ArrayList<Observation>();
      for (Observation o : waiting.get()) {
        if (o.timestamp < timestamp) {
          stranded++;
        } else {
          keep.add(o);
        }
      }
      waiting.update(keep);
      if (stranded > 0) {
        var letter = new Observation();
        letter.kind = Observation.Kind.POISON;
        letter.key = context.getCurrentKey();
        letter.timestamp = timestamp;
        letter.reason = "NO_REFERENCE_PROFILE: " + stranded + " predictions of " + context.getCurrentKey()
            + " in window [" + windowStart + ", " + timestamp + ") have no published version with a reference "
            + "profile on the models topic";
        context.output(DEAD_LETTERS, letter);
      }
      return;
    }
    WindowCounts counts = windows.get(windowStart);
    if (counts == null) {
      return;
    }
    windows.remove(windowStart);
    out.collect(report(context.getCurrentKey(), reference, counts, windowStart));
  }

  /** The report of one window: PSI and KS per feature, the class distribution's PSI, the severity. */
  WindowReport report(String key, Observation reference, WindowCounts counts, long windowStart) {
    var report = new WindowReport();
    report.key = key;
    report.tenantId = reference.tenantId;
    report.modelName = reference.modelName;
    report.modelVersion = reference.modelVersion;
    report.windowStart = windowStart;
    report.windowEnd = windowStart + windowMillis;
    report.predictionCount = counts.count;
    double worst = 0;
    for (Map.Entry<String, double[]> feature : new TreeMap<>(reference.binFractions).entrySet()) {
      long[] bins = counts.featureBins.getOrDefault(feature.getKey(), new long[feature.getValue().length]);
      double psi = Psi.of(feature.getValue(), bins);
      report.featureNames.add(feature.getKey());
      report.featurePsi.add(psi);
      report.featureKs.add(Ks.of(feature.getValue(), bins));
      worst = Math.max(worst, psi);
    }
    var classes = new TreeMap<>(reference.classDistribution);
    counts.classes.keySet().forEach(c -> classes.putIfAbsent(c, 0.0));
    double[] expected = new double[classes.size()];
    long[] observed = new long[classes.size()];
    int i = 0;
    for (Map.Entry<String, Double> c : classes.entrySet()) {
      expected[i] = c.getValue();
      observed[i] = counts.classes.getOrDefault(c.getKey(), 0L);
      i++;
    }
    report.classDistributionPsi = classes.isEmpty() ? 0 : Psi.of(expected, observed);
    worst = Math.max(worst, report.classDistributionPsi);
    report.severity = bands.of(worst, counts.count).name();
    return report;
  }
}
