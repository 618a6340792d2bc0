package io.strata.ingest.gateway.http;

import java.util.Map;

/** An HTTP answer without framework types: status, JSON body and extra headers. */
record Reply(int status, Object body, Map<String, String> headers) {

  static Reply of(int status, Object body) {
    return new Reply(status, body, Map.of());
  }
}
