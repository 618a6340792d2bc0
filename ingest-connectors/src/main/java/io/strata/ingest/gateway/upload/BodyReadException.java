package io.strata.ingest.gateway.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading the caller's body failed (it disconnected, or the transfer broke): not the gateway's storage. */
final class BodyReadException extends IOException {

  BodyReadException(IOException cause) {
    super("Reading the request body failed: " + cause.getMessage(), cause);
  }

  /** Marks every failure of {@code in} as the caller's. */
  static InputStream marking(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (RefusedException e) {
          throw e;
        } catch (IOException e) {
          throw new BodyReadException(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          return super.read(b, off, len);
        } catch (RefusedException e) {
          throw e;
        } catch (IOException e) {
          throw new BodyReadException(e);
        }
      }
    };
  }
}
