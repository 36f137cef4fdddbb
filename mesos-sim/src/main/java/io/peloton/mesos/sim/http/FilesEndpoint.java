package io.peloton.mesos.sim.http;

import io.peloton.mesos.sim.agent.TaskCheckpoint;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sandbox files over HTTP in the Mesos shape: {@code /files/read?path=&offset=&length=} answers
 * {@code {"data": "...", "offset": N}} ({@code offset=-1} gives the size); {@code /files/download} the raw bytes.
 * Only paths under the simulator's work directory are served, its {@code meta/} checkpoints
 * excepted, and Mesos' virtual executor paths
 * ({@code /frameworks/<fw>/executors/<executor>/runs/latest/...}). File I/O runs on a worker
 * thread.
 */
final class FilesEndpoint {
  private static final long MAX_LENGTH = 16L * 1024 * 1024;
  private final Vertx vertx;
  private final Path root;

  FilesEndpoint(Vertx vertx, Path root) {
    this.vertx = vertx;
    this.root = root.toAbsolutePath().normalize();
  }

  void read(HttpServerRequest req) {
    String requested = requested(req);
    if (requested == null) {
      return;
    }
    long offset;
    long length;
    try {
      offset = Long.parseLong(param(req, "offset", "0"));
      length = Long.parseLong(param(req, "length", "-1"));
    } catch (NumberFormatException e) {
      Responses.error(req.response(), 400, "Failed to parse 'offset' or 'length': not a number");
      return;
    }
    if (offset < -1) {
      Responses.error(req.response(), 400, "Negative offset provided: " + offset);
      return;
    }
    vertx.executeBlocking(() -> {
      Path path = locate(requested);
      if (path == null || !Files.isRegularFile(path)) {
        return null;
      }
      try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
        long size = file.length();
        Map<String, Object> out = new LinkedHashMap<>();
        if (offset == -1) {
          out.put("data", "");
          out.put("offset", size);
          return out;
        }
        long start = Math.min(offset, size);
        long n = Math.min(length < 0 ? size - start : Math.min(length, size - start), MAX_LENGTH);
        byte[] bytes = new byte[(int) n];
        file.seek(start);
        file.readFully(bytes);
        out.put("data", new String(bytes, StandardCharsets.UTF_8));
        out.put("offset", start);
        return out;
      }
    }, false).onComplete(ar -> {
      if (ar.failed()) {
        Responses.error(req.response(), 500, "Failed to read file: " + ar.cause().getMessage());
      } else if (ar.result() == null) {
        Responses.error(req.response(), 404, "File not found: " + requested);
      } else {
        Responses.json(req.response(), 200, ar.result());
      }
    });
  }

  void download(HttpServerRequest req) {
    String requested = requested(req);
    if (requested == null) {
      return;
    }
    vertx.executeBlocking(() -> {
      Path path = locate(requested);
      return path != null && Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
    }, false)
        .onComplete(ar -> {
          if (ar.failed()) {
            Responses.error(req.response(), 500, "Failed to read file: " + ar.cause().getMessage());
          } else if (ar.result() == null) {
            Responses.error(req.response(), 404, "File not found: " + requested);
          } else {
            req.response().putHeader("Content-Type", "application/octet-stream").end(Buffer.buffer(ar.result()));
          }
        });
  }

  /** The requested path if it may be served (a virtual sandbox path or one under the root). */
  private String requested(HttpServerRequest req) {
    String p = req.getParam("path");
    if (p == null || p.isBlank()) {
      Responses.error(req.response(), 400, "Expecting 'path' to be present");
      return null;
    }
    if (!ExecutorSandboxes.isVirtual(p) && !servable(Path.of(p).toAbsolutePath().normalize())) {
      Responses.error(req.response(), 403, "'path' must be inside the sandbox root " + root);
      return null;
    }
    return p;
  }

  /** The file on disk for a requested path, or null when no sandbox has it. Blocking. */
  private Path locate(String requested) throws java.io.IOException {
    Path p = ExecutorSandboxes.isVirtual(requested)
        ? ExecutorSandboxes.resolve(root, requested).orElse(null)
        : Path.of(requested).toAbsolutePath().normalize();
    return p != null && servable(p) ? p : null;
  }

  /** Under the root, but not the agents' checkpoints (whole TaskInfos, environments included). */
  private boolean servable(Path path) {
    return path.startsWith(root) && !path.startsWith(root.resolve(TaskCheckpoint.META_DIR));
  }

  private static String param(HttpServerRequest req, String name, String fallback) {
    String v = req.getParam(name);
    return v == null || v.isEmpty() ? fallback : v;
  }
}
