package dev.gatehouse.admin.upstream;

import java.util.List;

/**
 * Something that sends traffic to services and so must keep them from being deleted. Implemented by the
 * features that reference services (routes); the upstream feature asks every implementation before a delete
 * and so never reads another feature's tables or depends on its package.
 */
public interface ServiceReferences {

    /**
     * What refers to the service, one entry per referring object, phrased for the admin (such as
     * {@code route orders-v1}); empty when nothing does. Called inside the deleting transaction, after the
     * configuration lock is taken.
     */
    List<String> referencesTo(String serviceId);
}
