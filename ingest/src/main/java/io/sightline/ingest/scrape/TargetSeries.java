package io.sightline.ingest.scrape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sightline.ingest.prometheus.ByteBuilder;
import io.sightline.ingest.prometheus.SampleBatch;
import io.sightline.storage.tsdb.Labels;
import io.sightline.storage.tsdb.MetricMetadata;
import io.sightline.storage.tsdb.Sample;

/**
 * Turns one target's scrapes into samples as Prometheus's scrape loop does: target labels joined
 * with the page's ({@code honor_labels}), {@code metric_relabel_configs}, {@code sample_limit},
 * the page's timestamps or the scrape's ({@code honor_timestamps}), stale markers for series that
 * were on the previous page and are gone (or all of them when the target is down; series with
 * their own timestamps are not tracked, as in Prometheus), and the report series {@code up},
 * {@code scrape_duration_seconds}, {@code scrape_samples_scraped},
 * {@code scrape_samples_post_metric_relabeling}, {@code scrape_series_added}. Used by the target's one scrape thread; not thread-safe.
 */
final class TargetSeries {
    /** The report series Prometheus writes per target and scrape, in the order written. */
    static final List<String> REPORT_SERIES = List.of("up", "scrape_duration_seconds", "scrape_samples_scraped",
            "scrape_samples_post_metric_relabeling", "scrape_series_added");

    private final ScrapeJob job;
    private final Labels targetLabels;
    /** The report series' label blocks, in {@link #REPORT_SERIES} order. */
    private final byte[][] reportBlocks;
    /** Prometheus's scrape cache: a page's series text as written → what it became (or dropped). */
    private final Map<String, Text> byText = new HashMap<>();
    /** The same series by its final labels: two texts (label order, relabelling) may name one series. */
    private final Map<Labels, Entry> byLabels = new HashMap<>();
    /** The series written at the scrape's time by the last page, for stale markers. */
    private List<Entry> previous = new ArrayList<>();
    /** Numbers this target's scrapes: {@link Entry#seen} and {@link Entry#seenPlain} hold these. */
    private long scrapeNumber;
    /** The number of the last successful scrape, 0 before one ({@code scrape_series_added} counts against its page). */
    private long lastSuccess;
    private int item;
    /** Samples of the last page dropped as a series already on it at the same time; the first such series. */
    private int duplicates;
    private Labels firstDuplicate;

    /** One series of this target: its final labels and their encoded block. */
    private static final class Entry {
        final Labels labels;
        final byte[] block;
        /** The scrape that last had it on its page, at any time; and at the scrape's time. */
        long seen = -1;
        long seenPlain = -1;

        Entry(Labels labels, byte[] block) {
            this.labels = labels;
            this.block = block;
        }
    }

    /** A series text of the page: its entry (null: dropped by relabelling) and the scrape that last had it. */
    private static final class Text {
        final Entry entry;
        long seen;

        Text(Entry entry) {
            this.entry = entry;
        }
    }

    TargetSeries(ScrapeJob job, Labels targetLabels) {
        this.job = job;
        this.targetLabels = targetLabels;
        this.reportBlocks = new byte[REPORT_SERIES.size()][];
        for (int i = 0; i < reportBlocks.length; i++) {
            reportBlocks[i] = encode(targetLabels.toBuilder().set(Labels.METRIC_NAME, REPORT_SERIES.get(i)).build());
        }
    }

    /** The series texts this target's pages are known to hold: the parser skips reading their labels. */
    Set<String> knownSeries() {
        return byText.keySet();
    }

    /**
     * Writes a scraped page into {@code batch} (cleared first).
     *
     * @return samples written from the page (after relabelling)
     * @throws ScrapeFailure when the page holds more than {@code sample_limit} samples after relabelling
     *                       (nothing is written then: the caller reports the target down)
     */
    int scraped(ScrapedPage page, long scrapeMs, double durationSeconds, SampleBatch batch) throws ScrapeFailure {
        long scrape = ++scrapeNumber;
        List<ScrapedSample> samples = page.samples();
        Entry[] entries = new Entry[samples.size()];
        int kept = 0;
        int texts = 0;
        for (int i = 0; i < entries.length; i++) {
            ScrapedSample sample = samples.get(i);
            Text text = byText.get(sample.series());
            if (text == null) {
                text = new Text(entry(sample));
                byText.put(sample.series(), text);
            }
            if (text.seen != scrape) {
                text.seen = scrape;
                texts++;
            }
            entries[i] = text.entry;
            if (text.entry != null) {
                kept++;
            }
        }
        if (job.sampleLimit() > 0 && kept > job.sampleLimit()) {
            throw new ScrapeFailure("sample_limit exceeded: " + kept + " samples after relabelling, limit "
                    + job.sampleLimit());
        }
        batch.clear();
        item = 0;
        List<Entry> current = new ArrayList<>(kept);
        int added = 0;
        duplicates = 0;
        firstDuplicate = null;
        for (int i = 0; i < entries.length; i++) {
            Entry entry = entries[i];
            if (entry == null) {
                continue;
            }
            ScrapedSample sample = samples.get(i);
            boolean ownTime = job.honorTimestamps() && sample.hasTimestamp();
            if (!ownTime) {
                if (entry.seenPlain == scrape) {
                    // The series again at the scrape's time: Prometheus keeps the first and drops this one
                    // ("duplicate sample for timestamp"); it still counts after relabelling, as there.
                    duplicates++;
                    if (firstDuplicate == null) {
                        firstDuplicate = entry.labels;
                    }
                    continue;
                }
                entry.seenPlain = scrape;
                current.add(entry);
            }
            write(batch, entry.block, ownTime ? sample.timestampMs() : scrapeMs, sample.value());
            if (entry.seen != lastSuccess && entry.seen != scrape) {
                added++;
            }
            entry.seen = scrape;
        }
        for (Entry gone : previous) {
            if (gone.seenPlain != scrape) {
                write(batch, gone.block, scrapeMs, Sample.STALE_NAN);
            }
        }
        previous = current;
        lastSuccess = scrape;
        if (texts < byText.size()) {
            forgetUnseen(scrape);
        }
        for (MetricMetadata m : page.metadata()) {
            batch.metadata(m);
        }
        report(batch, scrapeMs, 1, durationSeconds, samples.size(), kept, added);
        return kept;
    }

    /** Resolves a series text not seen before: target labels, metric_relabel_configs; null when dropped. */
    private Entry entry(ScrapedSample sample) {
        Labels page = sample.labels();
        if (page == null) {
            throw new IllegalStateException("the parser skipped a series this target does not know: " + sample.series());
        }
        Labels labels = relabel(withTargetLabels(page));
        if (labels == null) {
            return null;
        }
        return byLabels.computeIfAbsent(labels, l -> new Entry(l, encode(l)));
    }

    /** Drops what the last page did not hold (a successful page), so the cache follows the target's churn. */
    private void forgetUnseen(long scrape) {
        byText.values().removeIf(t -> t.seen != scrape);
        byLabels.values().removeIf(e -> e.seen != scrape && e.seenPlain != scrape);
    }

    /**
     * What the last {@link #scraped} page held twice, for the target's status: "" when nothing;
     * otherwise the count and the first such series (Prometheus's "duplicate sample for timestamp").
     */
    String pageProblem() {
        if (duplicates == 0) {
            return "";
        }
        return "duplicate sample for timestamp: " + firstDuplicate + " is on the page more than once; "
                + duplicates + (duplicates == 1 ? " later sample" : " later samples") + " dropped, the first kept";
    }

    /** Writes a failed scrape into {@code batch} (cleared first): {@code up} 0 and stale markers for every series. */
    void failed(long scrapeMs, double durationSeconds, SampleBatch batch) {
        scrapeNumber++;
        batch.clear();
        item = 0;
        for (Entry gone : previous) {
            write(batch, gone.block, scrapeMs, Sample.STALE_NAN);
        }
        previous = new ArrayList<>();
        report(batch, scrapeMs, 0, durationSeconds, 0, 0, 0);
    }

    /**
     * Writes the end of the target (removed from the config) into {@code batch} (cleared first):
     * stale markers for every series of its last page and for its report series, as Prometheus
     * ends a scrape loop.
     */
    void ended(long scrapeMs, SampleBatch batch) {
        batch.clear();
        item = 0;
        for (Entry gone : previous) {
            write(batch, gone.block, scrapeMs, Sample.STALE_NAN);
        }
        previous = new ArrayList<>();
        for (byte[] block : reportBlocks) {
            write(batch, block, scrapeMs, Sample.STALE_NAN);
        }
    }

    private void report(SampleBatch batch, long scrapeMs, double up, double durationSeconds, int scraped, int kept,
            int added) {
        write(batch, reportBlocks[0], scrapeMs, up);
        write(batch, reportBlocks[1], scrapeMs, durationSeconds);
        write(batch, reportBlocks[2], scrapeMs, scraped);
        write(batch, reportBlocks[3], scrapeMs, kept);
        write(batch, reportBlocks[4], scrapeMs, added);
    }

    private Labels withTargetLabels(Labels page) {
        Labels.Builder out = page.toBuilder();
        for (int i = 0; i < targetLabels.size(); i++) {
            String name = targetLabels.name(i);
            String pageValue = page.has(name) ? page.get(name) : null;
            if (pageValue != null && job.honorLabels()) {
                continue;
            }
            if (pageValue != null) {
                String exported = "exported_" + name;
                while (page.has(exported)) {
                    exported = "exported_" + exported;
                }
                out.set(exported, pageValue);
            }
            out.set(name, targetLabels.value(i));
        }
        return out.build();
    }

    private Labels relabel(Labels labels) {
        for (RelabelRule rule : job.metricRelabel()) {
            labels = rule.apply(labels);
            if (labels == null) {
                return null;
            }
        }
        return labels.isEmpty() ? null : labels;
    }

    private void write(SampleBatch batch, byte[] block, long timestampMs, double value) {
        batch.beginSeries(item++);
        batch.labelBytes().write(block, 0, block.length);
        batch.sample(timestampMs, value);
    }

    /** A series' label block as {@link SampleBatch#label} writes it, once per series instead of per sample. */
    private static byte[] encode(Labels labels) {
        ByteBuilder out = new ByteBuilder(64);
        for (int i = 0; i < labels.size(); i++) {
            out.writeString(labels.name(i));
            out.writeString(labels.value(i));
        }
        return out.toByteArray();
    }
}
