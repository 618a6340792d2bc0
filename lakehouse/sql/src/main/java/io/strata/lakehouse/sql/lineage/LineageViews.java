package io.strata.lakehouse.sql.lineage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lineage views, created as Iceberg views in the catalog (so the Thrift server's JDBC sessions and every
 * {@code strata sql} see them), or as temporary views of the session when the catalog does not support
 * views. A view is only replaced when its definition changed (a hash kept in its properties), so starting
 * {@code strata sql} does not write to the catalog each time.
 *
 * <ul>
 *   <li>{@value #LINEAGE_EVENTS}: every event of the lineage topics with its topic, id and {@code causationId},
 *       to follow the causation thread hop by hop with self-joins;
 *   <li>{@value #MODEL_LINEAGE}: one row per published model version, with its training job (request,
 *       policy, trainer, outcome) and the dataset version it was trained on;
 *   <li>{@value #MODEL_TRAINING_SAMPLES}: model version, then every item of its dataset version with the
 *       labels behind it and the uploaded sample;
 *   <li>{@value #API_CALL_LINEAGE}: each API call with the model version, job and dataset version behind it.
 * </ul>
 */
public final class LineageViews {

  public static final String LINEAGE_EVENTS = "lineage_events";
  public static final String MODEL_LINEAGE = "model_lineage";
  public static final String MODEL_TRAINING_SAMPLES = "model_training_samples";
  public static final String API_CALL_LINEAGE = "api_call_lineage";

  static final String HASH_PROPERTY = "strata.definition-hash";
  private static final Logger log = LoggerFactory.getLogger(LineageViews.class);
  private static final List<String> EVENT_TABLES = List.of("api_calls", "models", "training_jobs", "datasets",
      "dataset_version_items", "labels", "samples");

  /** Where the views were created. */
  public enum Placement {
    /** Iceberg views in the catalog, visible to every session. */
    CATALOG,
    /** Temporary views of this session only (the catalog refused views). */
    SESSION
  }

  private LineageViews() {}

  /** The view definitions ({@code SELECT} statements) by view name, in dependency order. */
  public static Map<String, String> definitions(String catalog, String namespace) {
    String ns = catalog + "." + namespace + ".";
    Map<String, String> views = new LinkedHashMap<>();
    views.put(LINEAGE_EVENTS, String.join("\nUNION ALL\n", EVENT_TABLES.stream()
        .map(table -> "SELECT '" + table.replace('_', '-') + "' AS topic, tenantId, eventId, causationId, occurredAt, "
            + "_kafka_partition, _kafka_offset FROM " + ns + table)
        .toList()));
    views.put(MODEL_LINEAGE, """
        SELECT m.tenantId, m.modelName, m.version AS modelVersion, m.occurredAt AS publishedAt,
               m.eventId AS publishedEventId, m.causationId AS publishedCausationId,
               m.published.artifactUri AS artifactUri, m.published.artifactSha256 AS artifactSha256,
               m.published.jobId AS jobId, j.requestedAt AS jobRequestedAt, j.requestEventId AS jobRequestEventId,
               j.requestCausationId AS jobRequestCausationId, j.policy AS jobPolicy, j.trainer AS jobTrainer,
               j.succeededAt AS jobSucceededAt,
               m.published.datasetId AS datasetId, m.published.datasetVersion AS datasetVersion,
               d.occurredAt AS datasetCutAt, d.eventId AS datasetCutEventId,
               d.versionCut.itemCount AS datasetItemCount, d.versionCut.contentHash AS datasetContentHash
        FROM %1$smodels m
        LEFT JOIN (
          SELECT tenantId, jobId,
                 min(occurredAt) FILTER (WHERE kind = 'REQUESTED') AS requestedAt,
                 first(eventId, true) FILTER (WHERE kind = 'REQUESTED') AS requestEventId,
                 first(causationId, true) FILTER (WHERE kind = 'REQUESTED') AS requestCausationId,
                 first(request.policy, true) FILTER (WHERE kind = 'REQUESTED') AS policy,
                 first(request.trainer, true) FILTER (WHERE kind = 'REQUESTED') AS trainer,
                 max(occurredAt) FILTER (WHERE kind = 'SUCCEEDED') AS succeededAt
          FROM %1$straining_jobs GROUP BY tenantId, jobId
        ) j ON j.tenantId = m.tenantId AND j.jobId = m.published.jobId
        LEFT JOIN %1$sdatasets d ON d.tenantId = m.tenantId AND d.kind = 'VERSION_CUT'
          AND d.datasetId = m.published.datasetId AND d.versionCut.version = m.published.datasetVersion
        WHERE m.kind = 'VERSION_PUBLISHED'""".formatted(ns));
    views.put(MODEL_TRAINING_SAMPLES, """
        SELECT ml.tenantId, ml.modelName, ml.modelVersion, ml.jobId, ml.datasetId, ml.datasetVersion,
               i.sampleId, i.split, i.classLabel AS itemClassLabel,
               i.labelId, l.classLabel AS labelClassLabel, l.annotator.type AS annotatorType,
               l.annotator.id AS annotatorId, l.confidence AS labelConfidence, l.occurredAt AS labelledAt,
               s.uploaded.blobUri AS blobUri, s.uploaded.source AS uploadSource, s.occurredAt AS uploadedAt,
               s.eventId AS uploadEventId
        FROM %1$s%2$s ml
        JOIN (SELECT it.tenantId, it.datasetId, it.version, it.sampleId, it.split, it.classLabel, lid AS labelId
              FROM %1$sdataset_version_items it LATERAL VIEW OUTER explode(it.labelIds) ids AS lid) i
          ON i.tenantId = ml.tenantId AND i.datasetId = ml.datasetId AND i.version = ml.datasetVersion
        LEFT JOIN %1$slabels l ON l.tenantId = i.tenantId AND l.labelId = i.labelId AND l.kind = 'MADE'
        LEFT JOIN %1$ssamples s ON s.tenantId = i.tenantId AND s.sampleId = i.sampleId AND s.kind = 'UPLOADED'"""
        .formatted(ns, MODEL_LINEAGE));
    views.put(API_CALL_LINEAGE, """
        SELECT c.tenantId, c.appKey, c.requestId, c.api, c.occurredAt AS calledAt, c.status,
               c.eventId AS callEventId, c.causationId AS callCausationId,
               c.modelName, c.modelVersion, ml.publishedAt, ml.jobId, ml.jobPolicy, ml.datasetId, ml.datasetVersion,
               ml.datasetContentHash
        FROM %1$sapi_calls c
        LEFT JOIN %1$s%2$s ml ON ml.tenantId IN (c.tenantId, '*') AND ml.modelName = c.modelName
          AND ml.modelVersion = c.modelVersion""".formatted(ns, MODEL_LINEAGE));
    return views;
  }

  /** Creates or updates the views in {@code catalog.namespace}; the tables must exist. */
  public static Placement install(SparkSession spark, String catalog, String namespace) {
    Map<String, String> views = definitions(catalog, namespace);
    try {
      views.forEach((name, sql) -> createInCatalog(spark, catalog + "." + namespace + "." + name, sql));
      return Placement.CATALOG;
    } catch (RuntimeException e) {
      log.warn("Catalog refused views, registering them per session catalog={} reason={}", catalog, e.getMessage());
      views.forEach((name, sql) -> spark.sql("CREATE OR REPLACE TEMPORARY VIEW " + name + " AS " + sql));
      return Placement.SESSION;
    }
  }

  private static void createInCatalog(SparkSession spark, String view, String sql) {
    String hash = Integer.toHexString(sql.hashCode());
    if (hash.equals(currentHash(spark, view))) {
      return;
    }
    spark.sql("CREATE OR REPLACE VIEW " + view + " TBLPROPERTIES ('" + HASH_PROPERTY + "' = '" + hash + "') AS " + sql);
    log.info("Created view view={} hash={}", view, hash);
  }

  private static String currentHash(SparkSession spark, String view) {
    int dot = view.lastIndexOf('.');
    boolean exists = spark.sql("SHOW VIEWS IN " + view.substring(0, dot)).collectAsList().stream()
        .anyMatch(row -> row.getString(1).equals(view.substring(dot + 1)));
    if (!exists) {
      return null;
    }
    for (Row row : spark.sql("SHOW TBLPROPERTIES " + view).collectAsList()) {
      if (HASH_PROPERTY.equals(row.getString(0))) {
        return row.getString(1);
      }
    }
    log.info("View has no definition hash, replacing it view={}", view);
    return null;
  }
}
