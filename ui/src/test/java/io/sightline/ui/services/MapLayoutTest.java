package io.sightline.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MapLayoutTest {
    static Stream<Arguments> graphs() {
        return Stream.of(
                // edges "a>b", expected layer of each service
                Arguments.of("a chain", List.of("frontend>orders", "orders>inventory"),
                        Map.of("frontend", 0, "orders", 1, "inventory", 2)),
                Arguments.of("a shortcut does not pull the callee left", List.of("a>b", "b>c", "a>c"),
                        Map.of("a", 0, "b", 1, "c", 2)),
                Arguments.of("a cycle is broken at the edge going back", List.of("a>b", "b>c", "c>a"),
                        Map.of("a", 0, "b", 1, "c", 2)),
                Arguments.of("a self call stays in its layer", List.of("a>a", "a>b"), Map.of("a", 0, "b", 1)),
                Arguments.of("two roots", List.of("web>api", "batch>api", "api>db"),
                        Map.of("web", 0, "batch", 0, "api", 1, "db", 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void callersStandLeftOfCallees(String name, List<String> edges, Map<String, Integer> layers) {
        MapLayout.Drawing drawing = MapLayout.layout(pairs(edges), List.of());
        assertThat(drawing.nodes().stream().collect(Collectors.toMap(MapLayout.Node::name, MapLayout.Node::layer)))
                .isEqualTo(layers);
        assertThat(drawing.links()).hasSize(edges.size());
        for (MapLayout.Node node : drawing.nodes()) {
            assertThat(node.x()).isEqualTo(MapLayout.MARGIN + node.layer() * (MapLayout.NODE_WIDTH + MapLayout.GAP_X));
            assertThat(node.x() + MapLayout.NODE_WIDTH).isLessThanOrEqualTo(drawing.width());
            assertThat(node.y() + MapLayout.NODE_HEIGHT).isLessThanOrEqualTo(drawing.height());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    void theSameEdgesInAnotherOrderGiveTheSameDrawing(String name, List<String> edges, Map<String, Integer> layers) {
        List<String> reversed = edges.reversed();
        MapLayout.Drawing one = MapLayout.layout(pairs(edges), List.of());
        MapLayout.Drawing other = MapLayout.layout(pairs(reversed), List.of());
        assertThat(other.nodes()).isEqualTo(one.nodes());
    }

    @org.junit.jupiter.api.Test
    void servicesInOneLayerDoNotOverlapAndLoneServicesAreDrawn() {
        MapLayout.Drawing drawing = MapLayout.layout(pairs(List.of("gw>a", "gw>b", "gw>c")), List.of("lonely"));
        List<Integer> ys = drawing.nodes().stream().filter(n -> n.layer() == 1).map(MapLayout.Node::y).sorted().toList();
        assertThat(ys).hasSize(3);
        for (int i = 1; i < ys.size(); i++) {
            assertThat(ys.get(i) - ys.get(i - 1)).isGreaterThanOrEqualTo(MapLayout.NODE_HEIGHT);
        }
        assertThat(drawing.nodes()).extracting(MapLayout.Node::name).contains("lonely");
        assertThat(drawing.links()).allSatisfy(link -> assertThat(link.path()).matches("M [-0-9 ,C]+"));
    }

    @org.junit.jupiter.api.Test
    void anEdgeGoingBackIsMarked() {
        MapLayout.Drawing drawing = MapLayout.layout(pairs(List.of("a>b", "b>a")), List.of());
        assertThat(drawing.links()).filteredOn(MapLayout.Link::back).extracting(MapLayout.Link::client).containsExactly("b");
    }

    private static List<String[]> pairs(List<String> edges) {
        return edges.stream().map(edge -> edge.split(">")).map(parts -> Arrays.copyOf(parts, 2)).toList();
    }
}
