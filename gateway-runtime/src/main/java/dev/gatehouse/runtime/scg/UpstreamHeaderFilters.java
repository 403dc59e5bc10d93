package dev.gatehouse.runtime.scg;

import java.util.Set;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.core.type.MethodMetadata;
import org.springframework.stereotype.Component;

/**
 * Takes Spring Cloud Gateway's own header filters out of the node, so that {@link dev.gatehouse.runtime.proxy.ProxyHeadersFilter} (request) and
 * {@link dev.gatehouse.runtime.proxy.ResponseHeadersFilter} (response) are the only ones: SCG's routing filter runs every header filter bean on
 * every call, and each of SCG's copies all headers into a new map for one small change (hop-by-hop removal,
 * client-sent {@code Forwarded} and {@code X-Forwarded-*} removal, chunked/{@code Content-Length} normalisation,
 * gRPC {@code TE: trailers}); Gatehouse's two do all of it in one pass each (gRPC needs HTTP/2, which nodes do not
 * serve). {@code HeaderFiltersIntegrationTests} checks that no other header filter is left, so an SCG upgrade that
 * renames one is noticed. See {@code docs/adr/006-route-filter-chains.md}.
 */
@Component
public class UpstreamHeaderFilters implements BeanDefinitionRegistryPostProcessor {

    /** Return types of the SCG bean methods whose beans are removed. */
    static final Set<String> REPLACED = Set.of(
            "org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.RemoveXForwardedHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.RemoveForwardedHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.XForwardedHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.ForwardedHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.TransferEncodingNormalizationHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.GRPCRequestHeadersFilter",
            "org.springframework.cloud.gateway.filter.headers.GRPCResponseHeadersFilter");

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        for (String name : registry.getBeanDefinitionNames()) {
            if (isReplaced(registry.getBeanDefinition(name))) {
                registry.removeBeanDefinition(name);
            }
        }
    }

    static boolean isReplaced(BeanDefinition definition) {
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factory = annotated.getFactoryMethodMetadata();
            if (factory != null) {
                return REPLACED.contains(factory.getReturnTypeName());
            }
        }
        String type = definition.getBeanClassName();
        return type != null && REPLACED.contains(type);
    }
}
