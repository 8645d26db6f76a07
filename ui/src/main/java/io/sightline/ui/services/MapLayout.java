package io.sightline.ui.services;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A layered left-to-right drawing of the service graph: each service's layer is the longest chain
 * of callers before it, so callers stand left of their callees; a cycle is broken at the edges a
 * depth-first walk (services in name order) finds going back, and those edges are drawn curving
 * back. Within a layer services are ordered by the mean position of their callers (one barycentre
 * pass), then by name, which keeps most edges from crossing on small graphs. Deterministic: the same
 * edges give the same picture. Coordinates are SVG user units.
 */
final class MapLayout {
    static final int NODE_WIDTH = 230;
    static final int NODE_HEIGHT = 44;
    static final int GAP_X = 140;
    static final int GAP_Y = 36;
    static final int MARGIN = 48;

    /** A service's box. */
    record Node(String name, int layer, int x, int y) {
        int centreY() {
            return y + NODE_HEIGHT / 2;
        }
    }

    /** An edge's path ({@code d}) and where its label goes; {@code back} when it goes against the layers. */
    record Link(String client, String server, String path, int labelX, int labelY, boolean back) {
    }

    record Drawing(int width, int height, List<Node> nodes, List<Link> links) {
    }

    private MapLayout() {
    }

    /** Lays out every service named by {@code edges} (client → server pairs) and {@code lone} services. */
    static Drawing layout(Collection<String[]> edges, Collection<String> lone) {
        Map<String, Set<String>> callees = new TreeMap<>();
        for (String name : lone) {
            callees.computeIfAbsent(name, k -> new TreeSet<>());
        }
        for (String[] edge : edges) {
            callees.computeIfAbsent(edge[0], k -> new TreeSet<>()).add(edge[1]);
            callees.computeIfAbsent(edge[1], k -> new TreeSet<>());
        }
        Set<String> back = backEdges(callees);
        Map<String, Integer> layer = layers(callees, back);
        Map<Integer, List<String>> byLayer = new TreeMap<>();
        layer.forEach((name, l) -> byLayer.computeIfAbsent(l, k -> new ArrayList<>()).add(name));
        Map<String, Node> nodes = new HashMap<>();
        Map<String, Double> position = new HashMap<>();
        int rows = 0;
        for (var entry : byLayer.entrySet()) {
            List<String> names = entry.getValue();
            Map<String, Double> barycentre = new HashMap<>();
            for (String name : names) {
                barycentre.put(name, callers(callees, name, back).stream().filter(position::containsKey)
                        .mapToDouble(position::get).average().orElse(Double.MAX_VALUE));
            }
            names.sort(Comparator.<String>comparingDouble(barycentre::get).thenComparing(Comparator.naturalOrder()));
            for (int i = 0; i < names.size(); i++) {
                position.put(names.get(i), (double) i);
                nodes.put(names.get(i), new Node(names.get(i), entry.getKey(),
                        MARGIN + entry.getKey() * (NODE_WIDTH + GAP_X), MARGIN + i * (NODE_HEIGHT + GAP_Y)));
            }
            rows = Math.max(rows, names.size());
        }
        List<Link> links = new ArrayList<>();
        for (String[] edge : edges) {
            links.add(link(nodes.get(edge[0]), nodes.get(edge[1]), back.contains(key(edge[0], edge[1]))));
        }
        List<Node> ordered = new ArrayList<>(nodes.values());
        ordered.sort(Comparator.comparingInt(Node::layer).thenComparingInt(Node::y));
        int layers = byLayer.size();
        int width = 2 * MARGIN + Math.max(1, layers) * NODE_WIDTH + Math.max(0, layers - 1) * GAP_X;
        int height = 2 * MARGIN + Math.max(1, rows) * NODE_HEIGHT + Math.max(0, rows - 1) * GAP_Y + NODE_HEIGHT;
        return new Drawing(width, height, ordered, links);
    }

    /** Edges that close a cycle, found by a depth-first walk from the services in name order. */
    private static Set<String> backEdges(Map<String, Set<String>> callees) {
        Set<String> back = new HashSet<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (String start : callees.keySet()) {
            walk(start, callees, done, onPath, back);
        }
        return back;
    }

    private static void walk(String name, Map<String, Set<String>> callees, Set<String> done, Set<String> onPath,
                             Set<String> back) {
        if (done.contains(name)) {
            return;
        }
        onPath.add(name);
        for (String callee : callees.get(name)) {
            if (onPath.contains(callee)) {
                back.add(key(name, callee));
            } else {
                walk(callee, callees, done, onPath, back);
            }
        }
        onPath.remove(name);
        done.add(name);
    }

    /** The longest chain of callers before each service, over the edges that are not back edges. */
    private static Map<String, Integer> layers(Map<String, Set<String>> callees, Set<String> back) {
        Map<String, Integer> incoming = new TreeMap<>();
        callees.keySet().forEach(name -> incoming.put(name, 0));
        callees.forEach((client, servers) -> servers.forEach(server -> {
            if (!back.contains(key(client, server))) {
                incoming.merge(server, 1, Integer::sum);
            }
        }));
        Map<String, Integer> layer = new TreeMap<>();
        List<String> ready = new ArrayList<>();
        incoming.forEach((name, count) -> {
            if (count == 0) {
                ready.add(name);
                layer.put(name, 0);
            }
        });
        while (!ready.isEmpty()) {
            String name = ready.removeFirst();
            for (String callee : callees.get(name)) {
                if (back.contains(key(name, callee))) {
                    continue;
                }
                layer.merge(callee, layer.get(name) + 1, Math::max);
                if (incoming.merge(callee, -1, Integer::sum) == 0) {
                    ready.add(callee);
                }
            }
        }
        return layer;
    }

    private static List<String> callers(Map<String, Set<String>> callees, String name, Set<String> back) {
        List<String> out = new ArrayList<>();
        callees.forEach((client, servers) -> {
            if (servers.contains(name) && !back.contains(key(client, name))) {
                out.add(client);
            }
        });
        return out;
    }

    private static Link link(Node from, Node to, boolean back) {
        if (from == to) {
            int x = from.x() + NODE_WIDTH / 2;
            int y = from.y();
            return new Link(from.name(), to.name(), String.format(Locale.ROOT, "M %d %d C %d %d, %d %d, %d %d",
                    x - 20, y, x - 40, y - 40, x + 40, y - 40, x + 20, y), x, y - 34, true);
        }
        int x1 = from.x() + NODE_WIDTH;
        int y1 = from.centreY();
        int x2 = to.x();
        int y2 = to.centreY();
        if (back || x2 <= x1) {
            // Against the layers: leave from the bottom, come back under the boxes into the callee's bottom.
            x1 = from.x() + NODE_WIDTH / 2;
            y1 = from.y() + NODE_HEIGHT;
            x2 = to.x() + NODE_WIDTH / 2;
            y2 = to.y() + NODE_HEIGHT;
            int low = Math.max(y1, y2) + NODE_HEIGHT;
            return new Link(from.name(), to.name(), String.format(Locale.ROOT, "M %d %d C %d %d, %d %d, %d %d",
                    x1, y1, x1, low, x2, low, x2, y2), (x1 + x2) / 2, low - 4, true);
        }
        int bend = (x2 - x1) / 2;
        return new Link(from.name(), to.name(), String.format(Locale.ROOT, "M %d %d C %d %d, %d %d, %d %d",
                x1, y1, x1 + bend, y1, x2 - bend, y2, x2, y2), (x1 + x2) / 2, (y1 + y2) / 2 - 6, false);
    }

    private static String key(String client, String server) {
        return client + MetricReader.SEPARATOR + server;
    }
}
