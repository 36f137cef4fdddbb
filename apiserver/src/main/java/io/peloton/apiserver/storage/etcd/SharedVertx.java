package io.peloton.apiserver.storage.etcd;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A view of the server's Vert.x whose close() does nothing: jetcd closes the Vert.x it was given
 * when its client closes, which must not take the API server's event loops down with it.
 */
final class SharedVertx {
  private SharedVertx() {}

  static Vertx wrap(Vertx vertx) {
    Set<Class<?>> interfaces = new LinkedHashSet<>();
    for (Class<?> type = vertx.getClass(); type != null; type = type.getSuperclass()) {
      collect(type, interfaces);
    }
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("close") && method.getReturnType() == Future.class
          && (args == null || args.length == 0)) {
        return Future.succeededFuture();
      }
      try {
        return method.invoke(vertx, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    };
    return (Vertx) Proxy.newProxyInstance(
        SharedVertx.class.getClassLoader(), interfaces.toArray(Class<?>[]::new), handler);
  }

  private static void collect(Class<?> type, Set<Class<?>> into) {
    for (Class<?> implemented : type.getInterfaces()) {
      if (into.add(implemented)) {
        collect(implemented, into);
      }
    }
  }
}
