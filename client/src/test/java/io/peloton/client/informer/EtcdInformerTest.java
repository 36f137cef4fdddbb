package io.peloton.client.informer;

import io.peloton.apiserver.testing.EtcdProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The informer contract over etcd (Debian's etcd as a child process, one for the class). */
class EtcdInformerTest extends InformerContractTest {
  private static EtcdProcess etcd;

  @BeforeAll
  static void startEtcd() {
    etcd = EtcdProcess.start();
  }

  @AfterAll
  static void stopEtcd() {
    if (etcd != null) {
      etcd.close();
    }
  }

  @Override
  String storeUrl() {
    return etcd.storeUrl();
  }
}
