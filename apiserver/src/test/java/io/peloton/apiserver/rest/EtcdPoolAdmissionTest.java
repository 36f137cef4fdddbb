package io.peloton.apiserver.rest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.peloton.apiserver.testing.EtcdProcess;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;

/** Pool-aware admission over etcd (Debian's etcd, started as a child process). */
class EtcdPoolAdmissionTest extends PoolAdmissionContractTest {
  private EtcdProcess etcd;

  @Override
  String storeUrl() {
    assumeTrue(Files.isExecutable(EtcdProcess.binary()), "etcd is not installed");
    etcd = EtcdProcess.start();
    return etcd.storeUrl();
  }

  @AfterAll
  void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }
}
