package io.sightline.ingest.scrape;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
    /** Every series of the last successful page, own timestamps included (for {@code scrape_series_added}). */
    private Set<Labels> lastPage = new HashSet<>();
    private Set<Labels> previous = new HashSet<>();
    private int item;
    /** Samples of the last page dropped as a series already on it at the same time; the first such series. */
    private int duplicates;
    private Labels firstDuplicate;

    TargetSeries(ScrapeJob job, Labels targetLabels) {
        this.job = job;
        this.targetLabels = targetLabels;
    }

    /**
     * Writes a scraped page into {@code batch} (cleared first).
     *
     * @return samples written from the page (after relabelling)
     * @throws ScrapeFailure when the page holds more than {@code sample_limit} samples after relabelling
     *                       (nothing is written then: the caller reports the target down)
     */
    int scraped(ScrapedPage page, long scrapeMs, double durationSeconds, SampleBatch batch) throws ScrapeFailure {
        List<Labels> series = new ArrayList<>(page.samples().size());
        List<ScrapedSample> kept = new ArrayList<>(page.samples().size());
        for (ScrapedSample sample : page.samples()) {
            Labels labels = relabel(withTargetLabels(sample.labels()));
            if (labels != null) {
                series.add(labels);
                kept.add(sample);
            }
        }
        if (job.sampleLimit() > 0 && kept.size() > job.sampleLimit()) {
            throw new ScrapeFailure("sample_limit exceeded: " + kept.size() + " samples after relabelling, limit "
                    + job.sampleLimit());
        }
        batch.clear();
        item = 0;
        Set<Labels> current = new HashSet<>();
        int added = 0;
        duplicates = 0;
        firstDuplicate = null;
        for (int i = 0; i < kept.size(); i++) {
            ScrapedSample sample = kept.get(i);
            boolean ownTime = job.honorTimestamps() && sample.hasTimestamp();
            if (!ownTime && !current.add(series.get(i))) {
                // The series again at the scrape's time: Prometheus keeps the first and drops this one
                // ("duplicate sample for timestamp"); it still counts after relabelling, as there.
                duplicates++;
                if (firstDuplicate == null) {
                    firstDuplicate = series.get(i);
                }
                continue;
            }
            write(batch, series.get(i), ownTime ? sample.timestampMs() : scrapeMs, sample.value());
            if (!lastPage.contains(series.get(i))) {
                added++;
            }
        }
        lastPage = new HashSet<>(series);
        for (Labels gone : previous) {
            if (!current.contains(gone)) {
                write(batch, gone, scrapeMs, Sample.STALE_NAN);
            }
        }
        previous = current;
        for (MetricMetadata m : page.metadata()) {
            batch.metadata(m);
        }
        report(batch, scrapeMs, 1, durationSeconds, page.samples().size(), kept.size(), added);
        return kept.size();
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
        batch.clear();
        item = 0;
        for (Labels gone : previous) {
            write(batch, gone, scrapeMs, Sample.STALE_NAN);
        }
        previous = new HashSet<>();
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
        for (Labels gone : previous) {
            write(batch, gone, scrapeMs, Sample.STALE_NAN);
        }
        previous = new HashSet<>();
        for (String name : REPORT_SERIES) {
            write(batch, reportSeries(name), scrapeMs, Sample.STALE_NAN);
        }
    }

    private void report(SampleBatch batch, long scrapeMs, double up, double durationSeconds, int scraped, int kept,
            int added) {
        write(batch, reportSeries(REPORT_SERIES.get(0)), scrapeMs, up);
        write(batch, reportSeries(REPORT_SERIES.get(1)), scrapeMs, durationSeconds);
        write(batch, reportSeries(REPORT_SERIES.get(2)), scrapeMs, scraped);
        write(batch, reportSeries(REPORT_SERIES.get(3)), scrapeMs, kept);
        write(batch, reportSeries(REPORT_SERIES.get(4)), scrapeMs, added);
    }


    private Labels reportSeries(String name) {
        return targetLabels.toBuilder().set(Labels.METRIC_NAME, name).build();
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

    private void write(SampleBatch batch, Labels labels, long timestampMs, double value) {
        batch.beginSeries(item++);
        for (int i = 0; i < labels.size(); i++) {
            batch.label(labels.name(i), labels.value(i));
        }
        batch.sample(timestampMs, value);
    }
}
