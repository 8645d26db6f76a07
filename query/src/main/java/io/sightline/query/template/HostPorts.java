package io.sightline.query.template;

/** Prometheus's {@code stripPort} and {@code stripDomain} over Go's {@code net.SplitHostPort}. */
final class HostPorts {
    private HostPorts() {
    }

    /** {@code [host, port]}, or null where Go's {@code SplitHostPort} fails. */
    static String[] split(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0) {
            return null;
        }
        String host = hostPort.substring(0, colon);
        String port = hostPort.substring(colon + 1);
        if (host.startsWith("[")) {
            if (!host.endsWith("]")) {
                return null;
            }
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            return null;
        }
        if (port.contains("[") || port.contains("]")) {
            return null;
        }
        return new String[] {host, port};
    }

    static String stripPort(String hostPort) {
        String[] parts = split(hostPort);
        return parts == null ? hostPort : parts[0];
    }

    static String stripDomain(String hostPort) {
        String[] parts = split(hostPort);
        String host = parts == null ? hostPort : parts[0];
        String port = parts == null ? "" : parts[1];
        if (isIp(host)) {
            return hostPort;
        }
        int dot = host.indexOf('.');
        String shortHost = dot < 0 ? host : host.substring(0, dot);
        if (port.isEmpty()) {
            return shortHost;
        }
        return (shortHost.contains(":") ? "[" + shortHost + "]" : shortHost) + ":" + port;
    }

    /** Go's {@code net.ParseIP} accepts it: dotted IPv4 or an IPv6 literal. */
    private static boolean isIp(String host) {
        if (host.matches("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}")) {
            return true;
        }
        if (!host.contains(":") || !host.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            return java.net.InetAddress.ofLiteral(host) != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
