package io.peloton.apiserver.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;

/** HTTP over a plain socket, byte for byte: for requests no HTTP client would send. */
public final class RawHttp {
  private RawHttp() {}

  /** Sends {@code request} and returns all the server sent until it closed the connection. */
  public static byte[] exchange(int port, byte[] request, Duration timeout) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout((int) timeout.toMillis());
      try {
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
      } catch (IOException e) {
        // the server may refuse and close before taking it all: its answer still counts
      }
      return untilClosed(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything read from {@code s} until the server closes it (a read timeout fails). */
  public static byte[] untilClosed(Socket s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        out.write(buf, 0, n);
      }
    } catch (java.net.SocketTimeoutException e) {
      throw new AssertionError("the connection is still open after " + s.getSoTimeout()
          + " ms; read " + out.size() + " bytes", e);
    } catch (SocketException e) {
      // reset by the server after its answer: what was read counts
    }
    return out.toByteArray();
  }
}
