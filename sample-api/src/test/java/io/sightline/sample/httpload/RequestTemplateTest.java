package io.sightline.sample.httpload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RequestTemplateTest {

    private static final long SEED = Long.getLong("tests.seed", System.nanoTime());

    static {
        System.out.println("RequestTemplateTest seed " + SEED + " (replay with -Dtests.seed=" + SEED + ")");
    }

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final OrderIds ids = new OrderIds(4);

    @Test
    void fillsSkusWithinTheCatalogue() {
        RequestTemplate t = RequestTemplate.compile("/api/stock/{sku}");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String path = t.fill(random, ids);
            assertThat(path).matches("/api/stock/SKU-[1-9][0-9]{0,2}");
            int n = Integer.parseInt(path.substring("/api/stock/SKU-".length()));
            assertThat(n).isBetween(1, 100); // the sample services' catalogue
            seen.add(path);
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void fillsJsonBodiesAndLeavesTheirBracesAlone() {
        RequestTemplate t = RequestTemplate.compile("{\"sku\":\"{sku}\",\"quantity\":{int1to5},\"n\":{int},\"u\":\"{uuid}\"}");
        Set<Integer> quantities = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String body = t.fill(random, ids);
            assertThat(body).matches("\\{\"sku\":\"SKU-\\d+\",\"quantity\":[1-5],\"n\":\\d+,\"u\":\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"}");
            quantities.add(body.charAt(body.indexOf("quantity") + 10) - '0');
            long n = Long.parseLong(body.replaceAll(".*\"n\":(\\d+),.*", "$1"));
            assertThat(n).isBetween(1L, 1_000_000L);
        }
        assertThat(quantities).containsExactlyInAnyOrder(1, 2, 3, 4, 5);
    }

    @Test
    void orderIdsAreRandomUntilOneWasSeenThenSeenOnes() {
        RequestTemplate t = RequestTemplate.compile("/api/orders/{orderId}");
        assertThat(t.fill(random, ids)).matches("/api/orders/ord-[0-9a-f]{16}");
        ids.rememberFrom("{\"id\": \"o-17\",\"sku\":\"SKU-2\"}".getBytes(StandardCharsets.UTF_8), 30);
        ids.remember("o-18");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(t.fill(random, ids));
        }
        assertThat(seen).containsExactlyInAnyOrder("/api/orders/o-17", "/api/orders/o-18");
    }

    @Test
    void remembersOnlyTheLastFewIds() {
        for (int i = 0; i < 10; i++) {
            ids.remember("o-" + i);
        }
        Set<String> seen = new HashSet<>();
        RequestTemplate t = RequestTemplate.compile("{orderId}");
        for (int i = 0; i < 200; i++) {
            seen.add(t.fill(random, ids));
        }
        assertThat(seen).containsExactlyInAnyOrder("o-6", "o-7", "o-8", "o-9");
    }

    @Test
    void findsTheIdOfAJsonAnswer() {
        assertThat(id("{\"id\":\"abc-1\"}")).isEqualTo("abc-1");
        assertThat(id("{ \"sku\": \"x\", \"id\" : 42 }")).isEqualTo("42");
        assertThat(id("{\"orderId\":\"x\"}")).isNull();
        assertThat(id("{\"id\":\"unterminated")).isNull();
        assertThat(id("{\"id\":\"\"}")).isNull();
        assertThat(id("")).isNull();
    }

    private static String id(String json) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        return OrderIds.idOf(b, b.length);
    }

    @Test
    void rejectsUnknownPlaceholdersAndEmptyRanges() {
        assertThatThrownBy(() -> RequestTemplate.compile("/a/{SKU}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has an unknown placeholder {SKU}");
        assertThatThrownBy(() -> RequestTemplate.compile("{int5to1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 is below 5");
        assertThat(RequestTemplate.compile("{\"a\":{ }}").fill(random, ids)).isEqualTo("{\"a\":{ }}");
    }
}
