package io.peloton.mesos.sim.http;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.peloton.mesos.sim.MesosSimulator;
import io.peloton.mesos.sim.testing.SimulatorFixture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The master binds the address it is given, not every interface. */
class ListenAddressTest {
  @Test
  void loopbackHostIsNotReachableOnOtherAddresses() throws Exception {
    List<InetAddress> others = NetworkInterface.networkInterfaces()
        .filter(ListenAddressTest::up)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
    assumeFalse(others.isEmpty(), "this host has no address besides loopback");
    MesosSimulator sim = MesosSimulator.start(SimulatorFixture.config(1).withHost("127.0.0.1"));
    try {
      connect(InetAddress.getLoopbackAddress(), sim.port());
      for (InetAddress a : others) {
        assertThrows(IOException.class, () -> connect(a, sim.port()),
            "the master answers on " + a.getHostAddress());
      }
    } finally {
      sim.close();
    }
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address, port), 5_000);
    }
  }

  private static boolean up(NetworkInterface n) {
    try {
      return n.isUp();
    } catch (SocketException e) {
      return false;
    }
  }
}
