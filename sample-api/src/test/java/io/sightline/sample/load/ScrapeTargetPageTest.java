package io.sightline.sample.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link ScrapeTargetPage}: exactly the series asked for, each once, values moving between scrapes. */
class ScrapeTargetPageTest {
    @Test
    void holdsTheSeriesAskedForEachOnce() {
        for (int series : new int[] {1, 49, 50, 1000, 1234}) {
            List<String> samples = samples(new ScrapeTargetPage(series).render(3, 7));
            assertThat(samples).as(series + " series").hasSize(series);
            assertThat(samples.stream().map(l -> l.substring(0, l.lastIndexOf(' '))).distinct()).hasSize(series);
        }
    }

    @Test
    void countersGrowFromScrapeToScrape() {
        ScrapeTargetPage page = new ScrapeTargetPage(1000);
        String first = samples(page.render(0, 1)).get(0);
        String next = samples(page.render(0, 2)).get(0);
        assertThat(first).startsWith("bench_requests_total{");
        assertThat(Double.parseDouble(next.substring(next.lastIndexOf(' ') + 1)))
                .isGreaterThan(Double.parseDouble(first.substring(first.lastIndexOf(' ') + 1)));
    }

    private static List<String> samples(byte[] page) {
        return new String(page, StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("#")).toList();
    }
}
