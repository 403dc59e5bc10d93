package dev.gatehouse.runtime.routing;

import dev.gatehouse.runtime.client.ClientAddress;

/**
 * What a balancer may hash of a call beyond its request: who made it and from where. Implemented by the call
 * record that authentication fills in, which lives in the exchange attribute {@link #ATTRIBUTE}; an interface
 * here so that routing does not depend on the call package, which depends on routing.
 */
public interface CallFacts {

    /** The exchange attribute holding the call's facts. */
    String ATTRIBUTE = CallFacts.class.getName();

    /** The authenticated consumer's id, or null for an anonymous call. */
    String consumerId();

    /** The client's address as the trusted-proxy rules establish it. */
    ClientAddress client();
}
