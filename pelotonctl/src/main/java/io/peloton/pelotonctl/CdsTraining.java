package io.peloton.pelotonctl;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs typical commands once against a canned in-process endpoint, so that the class-data
 * sharing archive bin/pelotonctl records holds the classes real runs load (parsing, HTTP,
 * tables). Not part of the CLI; output is discarded.
 */
public final class CdsTraining {
  private static final String LIST = """
      {"apiVersion":"peloton.io/v1","kind":"JobList","metadata":{"resourceVersion":"7"},
       "items":[{"apiVersion":"peloton.io/v1","kind":"Job","metadata":{"name":"web",
       "namespace":"default","resourceVersion":"7","creationTimestamp":"2026-01-01T00:00:00Z",
       "labels":{"app":"web"}},"spec":{"type":"SERVICE","respool":"/p","instanceCount":2,
       "resources":[{"kind":"cpu","reservation":1,"limit":2}]},
       "status":{"state":"RUNNING","taskStats":{"RUNNING":2}}}]}""";

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      byte[] body = LIST.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    server.start();
    String url = "http://127.0.0.1:" + server.getAddress().getPort();
    String manifest = args.length > 0 ? args[0] : Path.of("manifests", "batch-job.yaml").toString();
    List<String[]> runs = List.of(
        new String[] {"get", "jobs"},
        new String[] {"get", "rp", "-o", "wide"},
        new String[] {"get", "jobs", "-o", "yaml"},
        new String[] {"describe", "job", "web"},
        new String[] {"job", "query"},
        new String[] {"diff", "-f", manifest},
        new String[] {"apply", "-f", manifest});
    try {
      for (String[] run : runs) {
        PelotonCtl.execute(run, Map.of("PELOTON_SERVER", url, "PELOTONCONFIG", "/nonexistent"),
            new ByteArrayInputStream(new byte[0]), new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()));
      }
    } finally {
      server.stop(0);
    }
    System.exit(0);
  }
}
