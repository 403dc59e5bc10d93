package dev.gatehouse.admin.input;

import dev.gatehouse.admin.web.TooManyItemsException;
import dev.gatehouse.config.policy.PolicyConfig;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.MapType;

/**
 * Caps the entries of every list and map a request binds to, in one place rather than on each request record: a
 * route with a million paths is refused while it is read, with the field named, before any service sees it. It is a
 * backstop: the validators' own, often lower, limits (64 paths, 256 targets) still apply after it. A service's
 * {@code targets} and every list and map of a policy's configuration (CIDRs, origins, headers: the policy records
 * allow 1,000) get ten times the cap.
 */
final class ItemLimits extends ValueDeserializerModifier {

    /** Request fields whose lists legitimately grow with the size of the deployment. */
    static final Set<String> LONG_LISTS = Set.of("targets");
    /** Records of policy configurations, whose lists each record's own {@code validate} bounds. */
    private static final String POLICY_PACKAGE = PolicyConfig.class.getPackageName();

    private final int maxItems;

    ItemLimits(int maxItems) {
        this.maxItems = maxItems;
    }

    /** The module that installs the caps on a mapper. */
    SimpleModule module() {
        return new SimpleModule("gatehouse-item-limits").setDeserializerModifier(this);
    }

    int limitFor(BeanProperty property) {
        if (property == null) {
            return maxItems;
        }
        boolean policy = property.getMember() != null
                && property.getMember().getDeclaringClass().getPackageName().equals(POLICY_PACKAGE);
        return policy || LONG_LISTS.contains(property.getName()) ? maxItems * 10 : maxItems;
    }

    @Override
    public ValueDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                                                             BeanDescription.Supplier description,
                                                             ValueDeserializer<?> deserializer) {
        return new Limited(deserializer, this, maxItems);
    }

    @Override
    public ValueDeserializer<?> modifyMapDeserializer(DeserializationConfig config, MapType type,
                                                      BeanDescription.Supplier description,
                                                      ValueDeserializer<?> deserializer) {
        return new Limited(deserializer, this, maxItems);
    }

    /** A collection or map deserializer that refuses the value once it is larger than its field's cap. */
    private static final class Limited extends DelegatingDeserializer {

        private final ItemLimits limits;
        private final int limit;

        Limited(ValueDeserializer<?> delegate, ItemLimits limits, int limit) {
            super(delegate);
            this.limits = limits;
            this.limit = limit;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new Limited(delegate, limits, limit);
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            ValueDeserializer<?> contextual = super.createContextual(ctxt, property);
            int fieldLimit = limits.limitFor(property);
            if (contextual instanceof Limited limited && limited.limit != fieldLimit) {
                return new Limited(limited._delegatee, limits, fieldLimit);
            }
            return contextual;
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) {
            return checked(super.deserialize(p, ctxt), p);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt, Object intoValue) {
            return checked(super.deserialize(p, ctxt, intoValue), p);
        }

        @Override
        public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer types) {
            return checked(super.deserializeWithType(p, ctxt, types), p);
        }

        private Object checked(Object value, JsonParser p) {
            int size = value instanceof Collection<?> c ? c.size() : value instanceof Map<?, ?> m ? m.size() : 0;
            if (size > limit) {
                throw new TooManyItemsException(p, limit);
            }
            return value;
        }
    }
}
