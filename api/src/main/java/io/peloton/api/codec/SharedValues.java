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

/**
 * Decodes values of chosen record types through a small direct-mapped cache, so equal values
 * (the task config every instance of a job carries, its owner reference) share one instance, as
 * {@link SharedStrings} does for strings. Records are immutable, so sharing is safe.
 */
final class SharedValues extends BeanDeserializerModifier {
  private final Set<Class<?>> types;
  private final CanonicalTable<Object> table = new CanonicalTable<>(1 << 10);

  SharedValues(Set<Class<?>> types) {
    this.types = types;
  }

  @Override
  public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config,
      BeanDescription description, JsonDeserializer<?> deserializer) {
    return types.contains(description.getBeanClass()) ? new Sharing(deserializer) : deserializer;
  }

  Object shared(Object value) {
    return table.canonical(value);
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
