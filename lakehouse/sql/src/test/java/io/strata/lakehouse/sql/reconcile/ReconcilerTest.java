package io.strata.lakehouse.sql.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconcilerTest {

  @Test
  void shouldMatchWhenEveryRecordIsExactlyOneRow() {
    var report = Reconciler.compare("t", 0, 0, 5, new long[] {0, 1, 2, 3, 4}, new long[] {0, 1, 2, 3, 4}, false);

    assertThat(report.status()).isEqualTo("OK");
    assertThat(report.ok(false)).isTrue();
    assertThat(report.records()).isEqualTo(5);
    assertThat(report.rows()).isEqualTo(5);
  }

  @Test
  void shouldReportGapsAsRangesAndDuplicatesByOffset() {
    var report = Reconciler.compare("t", 1, 0, 10, new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
        new long[] {0, 1, 4, 4, 4, 6, 9}, false);

    assertThat(report.gaps()).isEqualTo(5);
    assertThat(report.duplicates()).isEqualTo(2);
    assertThat(report.behind()).isZero();
    assertThat(report.status()).isEqualTo("GAP,DUPLICATE");
    assertThat(report.examples()).containsExactly("duplicate 4", "missing 2-3", "missing 5", "missing 7-8");
  }

  @Test
  void shouldTellTheSinksUncommittedTailFromALossAndToleratItOnRequest() {
    var report = Reconciler.compare("t", 0, 0, 6, new long[] {0, 1, 2, 3, 4, 5}, new long[] {0, 1, 2, 3}, false);

    assertThat(report.behind()).isEqualTo(2);
    assertThat(report.gaps()).isZero();
    assertThat(report.ok(false)).isFalse();
    assertThat(report.ok(true)).isTrue();
  }

  @Test
  void shouldNotExpectTransactionMarkersAndKeepHistoryThatRetentionDeleted() {
    // Offsets 3 and 7 are commit markers: no records, no rows. Offsets 0-9 were deleted from the topic by retention.
    var report = Reconciler.compare("t", 0, 10, 12, new long[] {10, 11}, new long[] {5, 6, 10, 11}, false);

    assertThat(report.status()).isEqualTo("OK");
    assertThat(report.history()).isEqualTo(2);
  }

  @Test
  void shouldFlagRowsTheTopicNeverHadUnlessCompactionRemovedThem() {
    long[] topic = {0, 2};
    long[] table = {0, 1, 2, 7};

    var plain = Reconciler.compare("t", 0, 0, 3, topic, table, false);
    var compacted = Reconciler.compare("t", 0, 0, 3, topic, table, true);

    assertThat(plain.unexpected()).isEqualTo(2);
    assertThat(plain.examples()).containsExactly("unexpected 1", "unexpected 7");
    assertThat(compacted.unexpected()).as("offset 1 was compacted away; 7 is past the end").isEqualTo(1);
  }
}
