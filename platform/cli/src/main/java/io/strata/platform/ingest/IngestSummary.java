package io.strata.platform.ingest;

import io.strata.ingest.annotations.AnnotationProblem;
import io.strata.platform.Printer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What an ingest did, counted while it runs (thread-safe) and printed at its end. */
final class IngestSummary {

  private int uploaded;
  private int known;
  private final List<String> refused = new ArrayList<>();
  private int labelsMade;
  private int labelsAlreadyImported;
  private int emptyAnnotations;
  private final List<String> labelProblems = new ArrayList<>();
  private final List<AnnotationProblem> annotationProblems = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();
  private int annotationFiles;

  synchronized void uploaded(boolean created) {
    if (created) {
      uploaded++;
    } else {
      known++;
    }
  }

  synchronized void refused(String file, String code, String message) {
    refused.add(file + ": " + code + " " + message);
  }

  synchronized void labelMade() {
    labelsMade++;
  }

  synchronized void labelAlreadyImported() {
    labelsAlreadyImported++;
  }

  synchronized void emptyAnnotation() {
    emptyAnnotations++;
  }

  synchronized void labelRefused(String file, String annotationFile, String code, String message) {
    labelProblems.add(file + " (from " + annotationFile + "): " + code + " " + message);
  }

  synchronized void scanned(int annotationFiles, List<AnnotationProblem> problems, List<String> ignored) {
    this.annotationFiles = annotationFiles;
    annotationProblems.addAll(problems);
    this.ignored.addAll(ignored);
  }

  synchronized int uploadedNew() {
    return uploaded;
  }

  synchronized int alreadyKnown() {
    return known;
  }

  synchronized List<String> refusedFiles() {
    return List.copyOf(refused);
  }

  synchronized int labelsMade() {
    return labelsMade;
  }

  /** True when something was not imported: a refused image or label, or a malformed annotation. */
  synchronized boolean incomplete() {
    return !refused.isEmpty() || !labelProblems.isEmpty() || !annotationProblems.isEmpty();
  }

  synchronized void print(Printer printer, String source) {
    printer.line("Ingested " + source);
    printer.line("  uploaded new:        %d", uploaded);
    printer.line("  already known:       %d", known);
    printer.line("  refused:             %d", refused.size());
    Collections.sort(refused);
    refused.forEach(r -> printer.line("    " + r));
    printer.line("  labels made:         %d%s", labelsMade, labelsAlreadyImported > 0
        ? " (" + labelsAlreadyImported + " already imported before, not made again)" : "");
    if (emptyAnnotations > 0) {
      printer.line("  annotated as empty:  %d (no object, no label)", emptyAnnotations);
    }
    printer.line("  labels refused:      %d", labelProblems.size());
    Collections.sort(labelProblems);
    labelProblems.forEach(p -> printer.line("    " + p));
    printer.line("  annotation files:    %d, problems: %d", annotationFiles, annotationProblems.size());
    annotationProblems.forEach(p -> printer.line("    " + p));
    if (!ignored.isEmpty()) {
      printer.line("  ignored (not an image or annotation): %d %s", ignored.size(),
          ignored.size() <= 5 ? ignored : ignored.subList(0, 5) + " ...");
    }
  }
}
