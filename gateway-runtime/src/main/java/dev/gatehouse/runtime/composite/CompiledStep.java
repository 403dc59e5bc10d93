package dev.gatehouse.runtime.composite;

import java.time.Duration;
import java.util.List;

import dev.gatehouse.config.ServiceSpec;
import dev.gatehouse.config.composite.CompositeStep;
import dev.gatehouse.config.composite.Placement;
import dev.gatehouse.runtime.policy.resilience.RetryRules;
import dev.gatehouse.runtime.routing.Balancer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.handler.codec.http.HttpMethod;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JsonPointer;

/**
 * One step of a composite route as compiled when its configuration was swapped in: everything a call needs to send
 * it, nothing parsed or looked up per call.
 *
 * @param index           its place in the route's declared order
 * @param spec            the step as published
 * @param service         the service it calls
 * @param targets         the service's target picker (weighted round robin, shared with its routes)
 * @param basePath        the service's base path, without a trailing {@code /}
 * @param method          its HTTP method
 * @param path            its path template
 * @param query           its query parameters, in name order
 * @param headers         its headers, in name order
 * @param fields          the members it keeps from its answer (empty: the whole answer)
 * @param dependsOn       the indexes of the steps it waits for
 * @param client          the node's upstream HTTP client with the service's connect timeout
 * @param responseTimeout the longest wait for the response headers of one attempt
 * @param timeout         its own time limit (0: the route's deadline only)
 * @param retry           the retry rules of its service (service or global policy), or null
 * @param breaker         the circuit breaker of its service on this route, or null
 */
record CompiledStep(int index, CompositeStep spec, ServiceSpec service, Balancer targets, String basePath,
                    HttpMethod method, Template path, List<Param> query, List<Param> headers, List<Field> fields,
                    int[] dependsOn, HttpClient client, Duration responseTimeout, Duration timeout, RetryRules retry,
                    CircuitBreaker breaker) {

    /** A query parameter or header: its name and value template. */
    record Param(String name, Template value) {
    }

    /** A member kept from the answer: where it is and the name it gets. */
    record Field(JsonPointer pointer, String name) {
    }

    String name() {
        return spec.name();
    }

    boolean required() {
        return spec.required();
    }

    Placement placement() {
        return spec.placement();
    }
}
