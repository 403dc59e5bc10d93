package dev.gatehouse.config.policy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A kind of policy: its name, its configuration record and the scopes it may be attached to. There is one instance
 * per record permitted by the sealed {@link PolicyConfig}, read from the record's {@link PolicyKind}, so adding a
 * record adds a type; instances are compared by identity and serve as map keys. The JSON form is the name.
 */
public final class PolicyType implements Comparable<PolicyType> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private static final List<PolicyType> ALL;
    private static final Map<String, PolicyType> BY_VALUE = new HashMap<>();
    private static final Map<Class<?>, PolicyType> BY_CONFIG_TYPE = new HashMap<>();

    static {
        List<PolicyType> all = new ArrayList<>();
        for (Class<?> record : PolicyConfig.class.getPermittedSubclasses()) {
            PolicyType type = describe(record);
            if (BY_VALUE.putIfAbsent(type.value, type) != null) {
                throw new IllegalStateException("two policy records are named '" + type.value + "'");
            }
            BY_CONFIG_TYPE.put(record, type);
            all.add(type);
        }
        // by name: the order the JVM lists permitted subclasses in is unspecified
        all.sort(Comparator.naturalOrder());
        ALL = List.copyOf(all);
    }

    private final String value;
    private final Class<? extends PolicyConfig> configType;
    private final Set<PolicyScope> scopes;

    private PolicyType(String value, Class<? extends PolicyConfig> configType, Set<PolicyScope> scopes) {
        this.value = value;
        this.configType = configType;
        this.scopes = scopes;
    }

    // Refuses, naming the record, anything that would make a type half-declared.
    private static PolicyType describe(Class<?> record) {
        PolicyKind kind = record.getAnnotation(PolicyKind.class);
        if (!record.isRecord() || kind == null) {
            throw new IllegalStateException(record.getName() + " is permitted by PolicyConfig, so it must be a "
                    + "record annotated with @PolicyKind(name, scopes)");
        }
        if (!NAME.matcher(kind.name()).matches()) {
            throw new IllegalStateException("policy name '" + kind.name() + "' of " + record.getName()
                    + " must be lower-case words joined by dashes");
        }
        if (kind.scopes().length == 0) {
            throw new IllegalStateException(record.getName() + " must name at least one scope in @PolicyKind");
        }
        Set<PolicyScope> scopes = EnumSet.copyOf(Arrays.asList(kind.scopes()));
        return new PolicyType(kind.name(), record.asSubclass(PolicyConfig.class), Collections.unmodifiableSet(scopes));
    }

    /** Every type, by name. */
    public static List<PolicyType> all() {
        return ALL;
    }

    /** The type with this JSON form, or {@code null}. */
    public static PolicyType of(String value) {
        return value == null ? null : BY_VALUE.get(value);
    }

    /**
     * The type whose configuration record is {@code configType}.
     *
     * @throws IllegalArgumentException when it is not a policy record
     */
    public static PolicyType of(Class<? extends PolicyConfig> configType) {
        PolicyType type = BY_CONFIG_TYPE.get(configType);
        if (type == null) {
            throw new IllegalArgumentException("not a policy record: " + configType.getName());
        }
        return type;
    }

    /** The names of all types, such as {@code circuit-breaker, cors, ...}, for messages. */
    public static String names() {
        return ALL.stream().map(PolicyType::value).collect(Collectors.joining(", "));
    }

    @JsonCreator
    static PolicyType fromJson(String value) {
        PolicyType type = of(value);
        if (type == null) {
            throw new IllegalArgumentException("unknown policy type '" + value + "': one of " + names());
        }
        return type;
    }

    /** The JSON and URL form, such as {@code rate-limit}. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The record that holds this type's configuration. */
    public Class<? extends PolicyConfig> configType() {
        return configType;
    }

    /** The scopes a policy of this type may be attached to. */
    public Set<PolicyScope> scopes() {
        return scopes;
    }

    @Override
    public int compareTo(PolicyType other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
