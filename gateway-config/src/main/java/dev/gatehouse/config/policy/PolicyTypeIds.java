package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.DatabindContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.impl.TypeIdResolverBase;

/**
 * The {@code "type"} of a policy configuration in JSON, taken from {@link PolicyType} (and so from the records'
 * {@link PolicyKind} names) by every mapper that reads or writes one: the contract's, the admin's. An unknown name
 * resolves to nothing, which Jackson refuses, listing the known names.
 */
final class PolicyTypeIds extends TypeIdResolverBase {

    @Override
    public String idFromValue(DatabindContext context, Object value) {
        return idFromValueAndType(context, value, value.getClass());
    }

    @Override
    public String idFromValueAndType(DatabindContext context, Object value, Class<?> type) {
        return PolicyType.of(type.asSubclass(PolicyConfig.class)).value();
    }

    @Override
    public JavaType typeFromId(DatabindContext context, String id) {
        PolicyType type = PolicyType.of(id);
        return type == null ? null : context.constructType(type.configType());
    }

    @Override
    public String getDescForKnownTypeIds() {
        return "[" + PolicyType.names() + "]";
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
