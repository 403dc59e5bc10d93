package dev.gatehouse.config.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gatehouse.config.ConfigEntity;
import dev.gatehouse.config.ConfigFormatException;
import dev.gatehouse.config.ConfigJson;
import dev.gatehouse.config.ConfigSnapshot;
import dev.gatehouse.config.PolicySpec;
import dev.gatehouse.config.StrictJson;
import dev.gatehouse.config.Violations;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of policy types is the {@code permits} list of {@link PolicyConfig}: every record it names must be
 * a complete type. How a new record missing a part fails here (the admin's {@code PolicyRegistryIntegrationTests}
 * checks the console's messages and the admin's own mapper):
 * <ul>
 *   <li>no {@link PolicyKind}, an empty scope list or a badly formed name: {@link #everyPermittedRecordDeclaresItsKind}
 *       names the record (and {@link PolicyType} refuses to load, so nothing else runs either);</li>
 *   <li>no {@code validate}: does not compile ({@link PolicyConfig#validate} is abstract); a {@code validate} that
 *       accepts anything: {@link #refusesItsEmptyConfiguration}, since a policy whose every field is zero or empty
 *       does nothing and must be refused;</li>
 *   <li>a component the JSON form cannot carry faithfully: {@link #roundTripsThroughTheContractsJson}, which fills
 *       every component (nested records and lists included) and fails on a component type it cannot fill.</li>
 * </ul>
 */
class PolicyRegistryTests {

    private final ConfigJson json = new ConfigJson();

    static List<PolicyType> types() {
        return PolicyType.all();
    }

    @Test
    void everyPermittedRecordDeclaresItsKind() {
        Class<?>[] permitted = PolicyConfig.class.getPermittedSubclasses();
        assertThat(permitted).isNotEmpty();
        for (Class<?> record : permitted) {
            PolicyKind kind = record.getAnnotation(PolicyKind.class);
            assertThat(record.isRecord()).as(record.getName() + " is a record").isTrue();
            assertThat(kind).as(record.getName() + " has @PolicyKind").isNotNull();
            assertThat(kind.name()).as(record.getName() + " name").matches("[a-z][a-z0-9]*(-[a-z0-9]+)*");
            assertThat(kind.scopes()).as(record.getName() + " scopes").isNotEmpty().doesNotHaveDuplicates();
        }
        assertThat(PolicyType.all().stream().map(PolicyType::configType).collect(Collectors.toSet()))
                .isEqualTo(Set.of(permitted));
        assertThat(PolicyType.all()).extracting(PolicyType::value).doesNotHaveDuplicates().isSorted();
    }

    @ParameterizedTest
    @MethodSource("types")
    void eachTypeIsFoundByNameAndRecord(PolicyType type) {
        PolicyKind kind = type.configType().getAnnotation(PolicyKind.class);
        assertThat(type.value()).isEqualTo(kind.name());
        assertThat(type.scopes()).containsExactlyInAnyOrder(kind.scopes());
        assertThat(PolicyType.of(type.value())).isSameAs(type);
        assertThat(PolicyType.of(type.configType())).isSameAs(type);
        assertThat(sample(type.configType()).type()).isSameAs(type);
    }

    @Test
    void lookupsOfWhatIsNoPolicyType() {
        assertThat(PolicyType.of("lua-script")).isNull();
        assertThat(PolicyType.of((String) null)).isNull();
        assertThatThrownBy(() -> PolicyType.of(PolicyConfig.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a policy record");
    }

    @Test
    void scopesAreThoseTheRecordsDeclare() {
        Set<PolicyScope> routeLevel = Set.of(PolicyScope.GLOBAL, PolicyScope.SERVICE, PolicyScope.ROUTE);
        Map<String, Set<PolicyScope>> scopes = PolicyType.all().stream()
                .collect(Collectors.toMap(PolicyType::value, PolicyType::scopes));
        assertThat(scopes).containsEntry("rate-limit", Set.of(PolicyScope.values()))
                .containsEntry("request-size", Set.of(PolicyScope.values()))
                .containsEntry("transform", Set.of(PolicyScope.values()))
                .containsEntry("ip-restriction", routeLevel).containsEntry("cors", routeLevel)
                .containsEntry("timeout", routeLevel).containsEntry("retry", routeLevel)
                .containsEntry("circuit-breaker", routeLevel);
    }

    @ParameterizedTest
    @MethodSource("types")
    void refusesItsEmptyConfiguration(PolicyType type) {
        Violations violations = new Violations();
        empty(type.configType()).validate(violations);
        assertThat(violations.list()).as(type.value() + " refuses a configuration of zeros and empties").isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("types")
    void roundTripsThroughTheContractsJson(PolicyType type) {
        PolicyConfig config = sample(type.configType());
        String text = json.writeString(config);
        assertThat(text).startsWith("{\"type\":\"" + type.value() + "\"");
        assertThat(json.read(text, PolicyConfig.class)).isEqualTo(config);

        // as the change stream carries it, and as snapshots and the last-known-good file do
        PolicySpec policy = new PolicySpec("p1", "p", true, type.scopes().iterator().next(), null, null, null, null,
                config);
        assertThat(json.read(json.write(policy), ConfigEntity.class)).isEqualTo(policy);
        ConfigSnapshot snapshot = new ConfigSnapshot(1, "h", null, null, null, null, null, 0, List.of(policy),
                null, 0);
        assertThat(json.read(json.write(snapshot), ConfigSnapshot.class).policies()).containsExactly(policy);

        // and through a mapper as strict as the admin's (which refuses unknown fields)
        JsonMapper strict = StrictJson.apply(JsonMapper.builder())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        assertThat(strict.readValue(strict.writeValueAsString(config), PolicyConfig.class)).isEqualTo(config);
    }

    @Test
    void unknownOrMissingTypesAreRefusedByName() {
        assertThatThrownBy(() -> json.read("{\"type\":\"lua-script\",\"source\":\"x\"}", PolicyConfig.class))
                .isInstanceOf(ConfigFormatException.class)
                .hasMessageContaining("'lua-script'")
                .hasMessageContaining("known type ids = [").hasMessageContaining("rate-limit, request-size");
        assertThatThrownBy(() -> json.read("{\"limits\":[]}", PolicyConfig.class))
                .isInstanceOf(ConfigFormatException.class)
                .hasMessageContaining("missing type id property 'type'");
        assertThatThrownBy(() -> json.read("{\"type\":7}", PolicyConfig.class))
                .isInstanceOf(ConfigFormatException.class);
        // inside a published policy, as a node receives it
        assertThatThrownBy(() -> json.read("""
                {"kind":"policy","id":"p1","name":"p","enabled":true,"scope":"route","routeId":"r1",
                 "config":{"type":"lua-script","source":"x"}}""", ConfigEntity.class))
                .isInstanceOf(ConfigFormatException.class)
                .hasMessageContaining("'lua-script'");
        JsonMapper strict = StrictJson.apply(JsonMapper.builder()).build();
        assertThatThrownBy(() -> strict.readValue("{\"type\":\"RATE_LIMIT\"}", PolicyConfig.class))
                .hasMessageContaining("'RATE_LIMIT'");
    }

    @Test
    void aPolicyTypeIsWrittenAsItsName() {
        PolicyType limit = PolicyType.of(RateLimitPolicy.class);
        assertThat(json.writeString(limit)).isEqualTo("\"rate-limit\"");
        assertThat(json.read("\"rate-limit\"", PolicyType.class)).isSameAs(limit);
        assertThatThrownBy(() -> json.read("\"lua-script\"", PolicyType.class))
                .isInstanceOf(ConfigFormatException.class).hasMessageContaining("unknown policy type 'lua-script'");

        EffectivePolicy effective = new EffectivePolicy(limit, PolicyScope.PLAN, "p", "pro", true,
                new RateLimitPolicy(List.of(new RateLimit(5, RateWindow.SECOND)), null, null));
        String text = json.writeString(effective);
        assertThat(text).contains("\"type\":\"rate-limit\"");
        assertThat(json.read(text, EffectivePolicy.class)).isEqualTo(effective);

        JsonMapper mapper = StrictJson.apply(JsonMapper.builder()).build();
        String map = mapper.writeValueAsString(Map.of(limit, 1));
        assertThat(map).isEqualTo("{\"rate-limit\":1}");
        assertThat(mapper.readValue(map, new TypeReference<Map<PolicyType, Integer>>() { }))
                .containsEntry(limit, 1);
    }

    /** The record with every component zero, false, null or empty (what an empty form sends). */
    static PolicyConfig empty(Class<? extends PolicyConfig> type) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> c = components[i].getType();
            args[i] = c == int.class ? 0 : c == long.class ? 0L : c == boolean.class ? false : null;
        }
        return construct(type, args);
    }

    /** The record with every component filled: a value that the JSON form must carry exactly. */
    static PolicyConfig sample(Class<? extends PolicyConfig> type) {
        return (PolicyConfig) filled(type);
    }

    private static Object filled(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            args[i] = value(components[i].getType(), components[i].getGenericType(), record);
        }
        return construct(record, args);
    }

    private static Object value(Class<?> c, Type generic, Class<?> owner) {
        if (c == int.class || c == Integer.class) {
            return 7;
        }
        if (c == long.class || c == Long.class) {
            return 7L;
        }
        if (c == boolean.class || c == Boolean.class) {
            return true;
        }
        if (c == String.class) {
            return "X-Sample";
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (c.isRecord()) {
            return filled(c);
        }
        if (List.class.isAssignableFrom(c)) {
            Class<?> element = argument(generic, 0);
            return List.of(value(element, element, owner));
        }
        if (Map.class.isAssignableFrom(c)) {
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put("X-Sample", value(argument(generic, 1), argument(generic, 1), owner));
            return map;
        }
        throw new AssertionError("no sample value for a " + c + " in " + owner.getName()
                + "; the console's form cannot offer it either");
    }

    private static Class<?> argument(Type generic, int index) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[index] instanceof Class<?> c) {
            return c;
        }
        throw new AssertionError("no element type in " + generic);
    }

    private static <T> T construct(Class<T> record, Object[] args) {
        Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        try {
            Constructor<T> constructor = record.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + record.getName() + " from " + Arrays.toString(args), e);
        }
    }
}
