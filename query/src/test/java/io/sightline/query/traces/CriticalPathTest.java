package io.sightline.query.traces;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sightline.storage.traces.SpanRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link CriticalPath} on hand-made traces (times in ms from 0) and, seeded, on random trees whose
 * path must tile the root. Replay a random run with {@code -Dtests.seed=}.
 */
class CriticalPathTest {
    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";

    @Test
    void sequentialChildrenAreAllOnThePath() {
        List<SpanRecord> spans = spans(
                "root start=0 dur=100",
                "a parent=root start=10 dur=30",
                "b parent=root start=40 dur=50");
        assertThat(text(CriticalPath.of(spans))).containsExactly(
                "root 0-10", "a 10-40", "b 40-90", "root 90-100");
    }

    @Test
    void ofParallelChildrenTheLastFinishingWinsAndTheOverlappedOneIsSkipped() {
        List<SpanRecord> spans = spans(
                "root start=0 dur=100",
                "slow parent=root start=10 dur=80",
                "fast parent=root start=15 dur=20",
                "early parent=root start=2 dur=5");
        // fast ends at 35, inside slow (10-90): not before slow's start, so off the path; early ends at 7.
        assertThat(text(CriticalPath.of(spans))).containsExactly(
                "root 0-2", "early 2-7", "root 7-10", "slow 10-90", "root 90-100");
    }

    @Test
    void aChildOutlivingItsParentCountsUntilTheParentEnds() {
        List<SpanRecord> spans = spans(
                "root start=0 dur=100",
                "async parent=root start=60 dur=200",
                "late parent=root start=120 dur=10");
        assertThat(text(CriticalPath.of(spans))).containsExactly("root 0-60", "async 60-100");
    }

    @Test
    void aChildStartingBeforeItsParentIsClippedToTheParentsStart() {
        List<SpanRecord> spans = spans(
                "root start=10 dur=50",
                "skewed parent=root start=0 dur=30");
        assertThat(text(CriticalPath.of(spans))).containsExactly("skewed 10-30", "root 30-60");
    }

    @Test
    void descendsThroughGrandchildrenAndBackUp() {
        List<SpanRecord> spans = spans(
                "root start=0 dur=100",
                "mid parent=root start=10 dur=70",
                "leaf1 parent=mid start=20 dur=10",
                "leaf2 parent=mid start=40 dur=30",
                "side parent=root start=5 dur=3");
        assertThat(text(CriticalPath.of(spans))).containsExactly(
                "root 0-5", "side 5-8", "root 8-10", "mid 10-20", "leaf1 20-30", "mid 30-40",
                "leaf2 40-70", "mid 70-80", "root 80-100");
    }

    @Test
    void aChildEndingExactlyWhenItsSiblingStartsStaysOnThePath() {
        List<SpanRecord> spans = spans(
                "root start=0 dur=30",
                "a parent=root start=0 dur=10",
                "b parent=root start=10 dur=10",
                "c parent=root start=20 dur=10");
        assertThat(text(CriticalPath.of(spans))).containsExactly("a 0-10", "b 10-20", "c 20-30");
    }

    @Test
    void zeroLengthChildrenDoNotLoop() {
        List<SpanRecord> spans = spans(
                "root start=0 dur=10",
                "z1 parent=root start=5 dur=0",
                "z2 parent=root start=5 dur=0",
                "z3 parent=root start=10 dur=0");
        assertThat(text(CriticalPath.of(spans))).containsExactly("root 0-10");
    }

    @Test
    void withoutTheRootTheEarliestOrphanIsTheTop() {
        List<SpanRecord> spans = spans(
                "a parent=gone start=10 dur=20",
                "b parent=a start=15 dur=5",
                "c parent=gone start=50 dur=5");
        assertThat(text(CriticalPath.of(spans))).containsExactly("a 10-15", "b 15-20", "a 20-30");
        assertThat(CriticalPath.of(List.of())).isEmpty();
    }

    @Test
    void randomTreesAreTiledBySections() {
        long seed = Long.getLong("tests.seed", System.nanoTime());
        System.out.println("CriticalPathTest.randomTreesAreTiledBySections seed: " + seed + " (replay with -Dtests.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 300; round++) {
            List<String> lines = new ArrayList<>();
            int n = 1 + random.nextInt(40);
            lines.add("s0 start=" + random.nextInt(50) + " dur=" + random.nextInt(200));
            for (int i = 1; i < n; i++) {
                lines.add("s" + i + " parent=s" + random.nextInt(i) + " start=" + random.nextInt(300)
                        + " dur=" + random.nextInt(150));
            }
            List<SpanRecord> spans = spans(lines.toArray(String[]::new));
            SpanRecord root = spans.getFirst();
            List<CriticalPath.Section> path = CriticalPath.of(spans);
            long at = root.startNanos();
            for (CriticalPath.Section s : path) {
                assertThat(s.startNanos()).as("seed %d round %d: contiguous", seed, round).isEqualTo(at);
                assertThat(s.endNanos()).isGreaterThan(s.startNanos());
                SpanRecord span = spans.stream().filter(x -> x.spanId().equals(s.spanId())).findFirst().orElseThrow();
                assertThat(s.startNanos()).isGreaterThanOrEqualTo(span.startNanos());
                assertThat(s.endNanos()).isLessThanOrEqualTo(span.endNanos());
                at = s.endNanos();
            }
            assertThat(at).as("seed %d round %d: covers the root", seed, round).isEqualTo(root.endNanos());
        }
    }

    private static List<SpanRecord> spans(String... lines) {
        List<SpanRecord> out = new ArrayList<>();
        for (String line : lines) {
            out.add(SpanLines.parse(line, TRACE, 0));
        }
        return out;
    }

    private static List<String> text(List<CriticalPath.Section> path) {
        return path.stream().map(s -> s.spanId() + " " + s.startNanos() / 1_000_000 + "-" + s.endNanos() / 1_000_000)
                .toList();
    }
}
