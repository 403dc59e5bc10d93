package dev.gatehouse.runtime.node;

import dev.gatehouse.runtime.GatehouseProperties;

import org.springframework.stereotype.Component;

/** Who this node is, as the admin sees it: its id, the address of its proxy port and its version. */
@Component
public class NodeIdentity {

    private final GatehouseProperties properties;
    private final ServerPorts ports;
    private final String hostName;

    public NodeIdentity(GatehouseProperties properties, ServerPorts ports) {
        this.properties = properties;
        this.ports = ports;
        this.hostName = GatehouseProperties.hostName();
    }

    /** The node id. */
    public String nodeId() {
        return properties.nodeId();
    }

    /** The configured address, or host name and the proxy port actually bound. */
    public String address() {
        if (!properties.nodeAddress().isEmpty()) {
            return properties.nodeAddress();
        }
        return hostName + ":" + ports.proxyPort();
    }

    /** The Gatehouse version this node runs. */
    public String version() {
        return properties.version();
    }
}
