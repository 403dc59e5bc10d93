package dev.gatehouse.runtime.policy;


import dev.gatehouse.config.policy.PolicyType;
import dev.gatehouse.runtime.live.RouteChains;
import dev.gatehouse.runtime.support.MainNode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node enforces every policy type there is: each has exactly one factory bean (two would fail the node's
 * start). A policy type added to the configuration contract without its factory on the node fails here, before
 * a node could accept a configuration it cannot enforce (it would refuse it: see {@code CompiledPolicies}).
 */
@MainNode.Test
class PolicyFactoriesIntegrationTests {

    @Autowired
    RouteChains chains;

    @Test
    void everyPolicyTypeHasItsFactory() {
        assertThat(chains.policyFactories().keySet())
                .containsExactlyInAnyOrderElementsOf(PolicyType.all());
        chains.policyFactories().forEach((type, factory) ->
                assertThat(factory.policyType()).as(type.value()).isEqualTo(type.configType()));
    }
}
