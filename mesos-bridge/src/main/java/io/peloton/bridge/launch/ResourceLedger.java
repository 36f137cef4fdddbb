package io.peloton.bridge.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;

/**
 * What is left of one agent's offers while tasks are carved out of them. Carved resources copy
 * the offered ones (role, allocation info, reservations), so Mesos matches them exactly.
 */
final class ResourceLedger {
  private static final double EPSILON = 1e-6;

  private static final class Scalar {
    final Resource template;
    double left;

    Scalar(Resource template) {
      this.template = template;
      this.left = template.getScalar().getValue();
    }
  }

  private static final class Ports {
    final Resource template;
    final List<long[]> free = new ArrayList<>();

    Ports(Resource template) {
      this.template = template;
      for (Value.Range r : template.getRanges().getRangeList()) {
        free.add(new long[] {r.getBegin(), r.getEnd()});
      }
    }
  }

  private final List<Scalar> scalars = new ArrayList<>();
  private final List<Ports> ports = new ArrayList<>();

  ResourceLedger(List<Offer> offers) {
    for (Offer o : offers) {
      for (Resource r : o.getResourcesList()) {
        if (r.getType() == Value.Type.SCALAR) {
          scalars.add(new Scalar(r));
        } else if (r.getType() == Value.Type.RANGES && r.getName().equals("ports")) {
          ports.add(new Ports(r));
        }
      }
    }
  }

  double available(String name) {
    double sum = 0;
    for (Scalar s : scalars) {
      if (s.template.getName().equals(name)) {
        sum += s.left;
      }
    }
    return sum;
  }

  /** Null when every amount fits, else what is short, e.g. "cpus: needs 2.00, 1.50 left". */
  String shortfall(double cpus, double mem, double disk, double gpus) {
    String[] names = {"cpus", "mem", "disk", "gpus"};
    double[] need = {cpus, mem, disk, gpus};
    for (int i = 0; i < names.length; i++) {
      double have = available(names[i]);
      if (need[i] > EPSILON && have + EPSILON < need[i]) {
        return String.format(Locale.ROOT, "%s: needs %.2f, offers have %.2f left", names[i],
            need[i], have);
      }
    }
    return null;
  }

  /** Carves {@code amount} of {@code name}; call only after {@link #shortfall} said it fits. */
  void takeScalar(String name, double amount, List<Resource> into) {
    double rest = amount;
    for (Scalar s : scalars) {
      if (rest <= EPSILON) {
        break;
      }
      if (!s.template.getName().equals(name) || s.left <= EPSILON) {
        continue;
      }
      double take = Math.min(rest, s.left);
      s.left -= take;
      rest -= take;
      into.add(s.template.toBuilder().setScalar(Value.Scalar.newBuilder().setValue(take)).build());
    }
  }

  /** Takes one port: {@code wanted} if > 0 and free, else the lowest free one; -1 if none. */
  long takePort(long wanted, List<Resource> into) {
    for (Ports p : ports) {
      for (int i = 0; i < p.free.size(); i++) {
        long[] r = p.free.get(i);
        long port;
        if (wanted > 0) {
          if (wanted < r[0] || wanted > r[1]) {
            continue;
          }
          port = wanted;
        } else {
          port = r[0];
        }
        // split the free range around the port
        p.free.remove(i);
        if (port + 1 <= r[1]) {
          p.free.add(i, new long[] {port + 1, r[1]});
        }
        if (r[0] <= port - 1) {
          p.free.add(i, new long[] {r[0], port - 1});
        }
        into.add(p.template.toBuilder().setRanges(Value.Ranges.newBuilder()
            .addRange(Value.Range.newBuilder().setBegin(port).setEnd(port))).build());
        return port;
      }
    }
    return -1;
  }

  /** A copy point: the free port state, to undo a task's partial port allocation. */
  List<List<long[]>> savePorts() {
    List<List<long[]>> copy = new ArrayList<>();
    for (Ports p : ports) {
      List<long[]> c = new ArrayList<>();
      p.free.forEach(r -> c.add(r.clone()));
      copy.add(c);
    }
    return copy;
  }

  void restorePorts(List<List<long[]>> saved) {
    for (int i = 0; i < ports.size(); i++) {
      ports.get(i).free.clear();
      ports.get(i).free.addAll(saved.get(i));
    }
  }
}
