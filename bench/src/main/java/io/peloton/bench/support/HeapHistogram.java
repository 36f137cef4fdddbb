package io.peloton.bench.support;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.ObjectName;

/** The live-object class histogram of this JVM ({@code jcmd PID GC.class_histogram}), for diagnosis. */
public final class HeapHistogram {
  private HeapHistogram() {}

  /** The header and the {@code rows} classes holding the most bytes, after a full GC. */
  public static String top(int rows) {
    try {
      String all = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      String[] lines = all.split("\n");
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < Math.min(lines.length, rows + 2); i++) {
        out.append(lines[i]).append('\n');
      }
      return out.toString();
    } catch (JMException | ClassCastException e) {
      return "(no class histogram: " + e.getMessage() + ")\n";
    }
  }
}
