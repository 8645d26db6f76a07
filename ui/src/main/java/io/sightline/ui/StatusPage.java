package io.sightline.ui;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.sightline.ui.ApplianceStatus.StoragePartition;
import io.sightline.ui.ApplianceStatus.WalConsumer;

/**
 * The status page: build info, the runtime's figures, storage per signal and partition (with each
 * signal's total), the WAL consumers and their lag, the exporters, and the effective configuration
 * with its secrets redacted (by the appliance, before it reaches the page).
 */
final class StatusPage implements HttpService {
    private final ApplianceStatus status;
    private final InstantSource clock;

    StatusPage(ApplianceStatus status, InstantSource clock) {
        this.status = status;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/status", this::page);
    }

    private void page(ServerRequest request, ServerResponse response) {
        Map<String, Object> model = Html.model(request, clock, "Status", "Status", Map.of());
        model.put("build", status.buildInfo());
        model.put("runtime", status.runtime());
        List<StoragePartition> partitions = status.storage();
        model.put("partitions", partitions.stream().map(p -> new PartitionRow(p.signal(), p.name(), bytes(p.bytes()),
                p.items() < 0 ? "–" : Long.toString(p.items()))).toList());
        model.put("storageTotals", totals(partitions));
        model.put("wal", status.walConsumers().stream().map(StatusPage::walRow).toList());
        model.put("exporters", status.exporters());
        model.put("configuration", status.configuration());
        Html.send(request, response, Status.OK_200, "status", model);
    }

    /** Bytes on disk per signal, in the order the signals first appear. */
    private static Map<String, String> totals(List<StoragePartition> partitions) {
        Map<String, Long> sums = new LinkedHashMap<>();
        partitions.forEach(p -> sums.merge(p.signal(), p.bytes(), Long::sum));
        Map<String, String> out = new LinkedHashMap<>();
        sums.forEach((signal, sum) -> out.put(signal, bytes(sum)));
        return out;
    }

    private static WalRow walRow(WalConsumer consumer) {
        String seconds = consumer.lagSeconds() < 0 ? "unknown"
                : String.format(Locale.ROOT, "%.1f", consumer.lagSeconds());
        return new WalRow(consumer.signal(), consumer.name(), Long.toString(consumer.lagEntries()), seconds,
                consumer.lagEntries() == 0 ? "ok" : consumer.lagSeconds() > 60 ? "bad" : "warn");
    }

    /** 1536 → "1.5 KiB"; binary units, as the byte-size options are written. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        List<String> units = new ArrayList<>(List.of("KiB", "MiB", "GiB", "TiB"));
        double value = bytes / 1024.0;
        String unit = units.removeFirst();
        while (value >= 1024 && !units.isEmpty()) {
            value /= 1024;
            unit = units.removeFirst();
        }
        return String.format(Locale.ROOT, "%.1f %s", value, unit);
    }

    record PartitionRow(String signal, String name, String size, String items) {
    }

    record WalRow(String signal, String name, String lagEntries, String lagSeconds, String health) {
    }
}
