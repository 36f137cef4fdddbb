package io.peloton.api.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Decodes values of chosen record types through a small direct-mapped cache, so equal values
 * (the task config every instance of a job carries, its owner reference) share one instance, as
 * {@link SharedStrings} does for strings. Records are immutable, so sharing is safe.
 */
final class SharedValues extends BeanDeserializerModifier {
  private static final int SLOTS = 1 << 10;
  private final Set<Class<?>> types;
  private final AtomicReferenceArray<Object> slots = new AtomicReferenceArray<>(SLOTS);

  SharedValues(Set<Class<?>> types) {
    this.types = types;
  }

  @Override
  public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config,
      BeanDescription description, JsonDeserializer<?> deserializer) {
    return types.contains(description.getBeanClass()) ? new Sharing(deserializer) : deserializer;
  }

  Object shared(Object value) {
    if (value == null) {
      return null;
    }
    int slot = value.hashCode() & (SLOTS - 1);
    Object known = slots.get(slot);
    if (value.equals(known)) {
      return known;
    }
    slots.lazySet(slot, value);
    return value;
  }

  private final class Sharing extends DelegatingDeserializer {
    Sharing(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
      return new Sharing(newDelegatee);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return shared(super.deserialize(p, ctxt));
    }
  }
}
