package io.peloton.client.testing;

import io.peloton.api.ApiObject;
import io.peloton.client.informer.EventHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what an informer told it, as lines like {@code ADD a}, {@code DELETE a unknown}. */
public final class RecordingHandler<T extends ApiObject> implements EventHandler<T> {
  private final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void onAdd(T object) {
    events.add("ADD " + object.metadata().name());
  }

  @Override
  public void onUpdate(T oldObject, T newObject) {
    events.add((oldObject == newObject ? "RESYNC " : "UPDATE ") + newObject.metadata().name());
  }

  @Override
  public void onDelete(T object, boolean finalStateUnknown) {
    events.add("DELETE " + object.metadata().name() + (finalStateUnknown ? " unknown" : ""));
  }

  public List<String> events() {
    return List.copyOf(events);
  }

  public long count(String event) {
    return events.stream().filter(event::equals).count();
  }
}
