package io.peloton.apiserver.rest;

import io.peloton.apiserver.testing.EtcdProcess;

/**
 * The request rules over etcd (its own limits must not show through); on the etcd this JVM's
 * tests share, as every name here is unique.
 */
class EtcdRequestRulesTest extends RequestRulesContractTest {
  @Override
  String storeUrl() {
    return EtcdProcess.shared().storeUrl();
  }
}
