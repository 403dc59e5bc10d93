package dev.gatehouse.runtime.composite;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.gatehouse.config.RouteSpec;
import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.composite.CompositeSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.composite.StepField;
import dev.gatehouse.config.composite.ValueTemplate;
import dev.gatehouse.config.policy.CircuitBreakerPolicy;
import dev.gatehouse.config.policy.RetryPolicy;
import dev.gatehouse.config.policy.TimeoutPolicy;
import dev.gatehouse.runtime.composite.CompiledStep.Field;
import dev.gatehouse.runtime.composite.CompiledStep.Param;
import dev.gatehouse.runtime.composite.Template.Place;
import dev.gatehouse.runtime.live.RouteSetup;
import dev.gatehouse.runtime.policy.resilience.CircuitBreakers;
import dev.gatehouse.runtime.policy.resilience.RetryRules;
import dev.gatehouse.runtime.routing.Balancer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JsonPointer;

/**
 * A composite route compiled when its configuration is swapped in: its steps ({@link CompiledStep}), the order that
 * puts every dependency before its dependants (the dependency levels, flattened), every client variable its
 * templates use (checked before any step is sent) and its limits.
 *
 * @param route            the route
 * @param steps            its steps, in declared order
 * @param dependsOn        each step's dependencies, by index
 * @param order            step indexes, dependencies first
 * @param inputs           each client variable a template uses, with the place its value goes and the first step
 *                         using it
 * @param deadline         total time allowed for the steps
 * @param maxStepBytes     most bytes read from one step's answer
 * @param maxResponseBytes most bytes of the assembled answer
 * @param bodyStep         index of the step that receives the client's body, or -1
 */
record CompiledComposite(RouteSpec route, List<CompiledStep> steps, int[][] dependsOn, int[] order,
                         List<ClientInput> inputs, Duration deadline, int maxStepBytes, int maxResponseBytes,
                         int bodyStep) {

    /** A client variable used by a template: checked (present, usable where it goes) before any step is sent. */
    record ClientInput(ValueTemplate.Part part, Place place, String step) {
    }

    /**
     * Compiles the composite route of {@code setup}.
     *
     * @param base     the node's upstream HTTP client (SCG's, with the target guard)
     * @param breakers the node's circuit breakers
     * @throws IllegalArgumentException when a step names an unknown service, or a template does not compile
     */
    static CompiledComposite compile(RouteSetup setup, HttpClient base, CircuitBreakers breakers) {
        RouteSpec route = setup.spec();
        CompositeSpec spec = route.composite();
        if (spec.cycle() != null) {
            throw new IllegalArgumentException("its steps have a dependency cycle: "
                    + String.join(" → ", spec.cycle()));
        }
        Map<String, Integer> indexes = new HashMap<>();
        for (int i = 0; i < spec.steps().size(); i++) {
            indexes.put(spec.steps().get(i).name(), i);
        }
        Duration deadline = Duration.ofMillis(spec.deadlineMs());
        Map<String, HttpClient> clients = new HashMap<>();
        List<CompiledStep> steps = new ArrayList<>();
        Map<String, ClientInput> inputs = new LinkedHashMap<>();
        int bodyStep = -1;
        for (int i = 0; i < spec.steps().size(); i++) {
            CompositeStep step = spec.steps().get(i);
            try {
                CompiledStep compiled = step(i, step, setup, indexes, deadline, base, clients, breakers);
                steps.add(compiled);
                collectInputs(compiled, inputs);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("step '" + step.name() + "': " + e.getMessage(), e);
            }
            if (step.passBody()) {
                bodyStep = i;
            }
        }
        int[][] dependsOn = new int[steps.size()][];
        for (CompiledStep step : steps) {
            dependsOn[step.index()] = step.dependsOn();
        }
        int[] order = spec.levels().stream().flatMap(List::stream).mapToInt(step -> indexes.get(step.name()))
                .toArray();
        return new CompiledComposite(route, List.copyOf(steps), dependsOn, order, List.copyOf(inputs.values()),
                deadline, spec.maxStepResponseBytes(), spec.maxResponseBytes(), bodyStep);
    }

    private static CompiledStep step(int index, CompositeStep step, RouteSetup setup, Map<String, Integer> indexes,
                                     Duration deadline, HttpClient base, Map<String, HttpClient> clients,
                                     CircuitBreakers breakers) {
        ServiceSpec service = setup.state().services().get(step.serviceId());
        Balancer targets = setup.pickers().get(step.serviceId());
        if (service == null || targets == null) {
            throw new IllegalArgumentException("calls service '" + step.serviceId() + "', which does not exist");
        }
        int[] dependsOn = new int[step.dependsOn().size()];
        for (int d = 0; d < dependsOn.length; d++) {
            Integer dependency = indexes.get(step.dependsOn().get(d));
            if (dependency == null) {
                throw new IllegalArgumentException("depends on '" + step.dependsOn().get(d)
                        + "', no step of this route");
            }
            dependsOn[d] = dependency;
        }
        TimeoutPolicy timeouts = setup.compiled(setup.servicePolicy(TimeoutPolicy.class, service.id()));
        int connectMs = timeouts != null ? timeouts.connectTimeoutMs() : service.connectTimeoutMs();
        int responseMs = timeouts != null ? timeouts.responseTimeoutMs() : service.responseTimeoutMs();
        // one client per connect timeout: the same options as the forwarding filter's, so the same connection pools
        HttpClient client = clients.computeIfAbsent(Integer.toString(connectMs),
                ms -> base.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectMs));
        RetryRules retry = setup.compiled(setup.servicePolicy(RetryPolicy.class, service.id()));
        CircuitBreakerPolicy breakerPolicy = setup.compiled(setup.servicePolicy(CircuitBreakerPolicy.class,
                service.id()));
        CircuitBreaker breaker = breakerPolicy == null ? null
                : breakers.obtain(CircuitBreakers.name(setup.spec(), service), breakerPolicy);
        return new CompiledStep(index, step, service, targets, basePath(service.basePath()),
                HttpMethod.valueOf(step.method()), Template.compile(step.path(), Place.PATH, indexes),
                params(step.query(), Place.QUERY, indexes), params(step.headers(), Place.HEADER, indexes),
                fields(step.fields()), dependsOn, client, Duration.ofMillis(responseMs),
                step.timeoutMs() == 0 ? Duration.ZERO : Duration.ofMillis(step.timeoutMs()).compareTo(deadline) > 0
                        ? deadline : Duration.ofMillis(step.timeoutMs()), retry, breaker);
    }

    private static List<Param> params(Map<String, String> templates, Place place, Map<String, Integer> indexes) {
        List<Param> out = new ArrayList<>(templates.size());
        templates.forEach((name, text) -> {
            try {
                out.add(new Param(name, Template.compile(text, place, indexes)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException((place == Place.QUERY ? "query." : "headers.") + name + ": "
                        + e.getMessage(), e);
            }
        });
        return List.copyOf(out);
    }

    private static List<Field> fields(List<StepField> fields) {
        return fields.stream().map(field -> new Field(JsonPointer.compile(field.pointer()), field.name())).toList();
    }

    private static String basePath(String basePath) {
        if (basePath == null || basePath.isEmpty() || basePath.equals("/")) {
            return "";
        }
        return basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath;
    }

    private static void collectInputs(CompiledStep step, Map<String, ClientInput> inputs) {
        List<Template> templates = new ArrayList<>();
        templates.add(step.path());
        step.query().forEach(param -> templates.add(param.value()));
        step.headers().forEach(param -> templates.add(param.value()));
        for (Template template : templates) {
            for (ValueTemplate.Part part : template.clientParts()) {
                inputs.putIfAbsent(Template.variable(part) + " " + template.place(),
                        new ClientInput(part, template.place(), step.name()));
            }
        }
    }

    /** The step at {@code index}. */
    CompiledStep step(int index) {
        return steps.get(index);
    }
}
