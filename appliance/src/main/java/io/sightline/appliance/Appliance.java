package io.sightline.appliance;

import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.sightline.ingest.IngestLimits;
import io.sightline.ingest.IngestMetrics;
import io.sightline.ingest.Signal;
import io.sightline.ingest.apply.ApplyMetrics;
import io.sightline.ingest.apply.LogsApplier;
import io.sightline.ingest.apply.MetricsApplier;
import io.sightline.ingest.apply.TracesApplier;
import io.sightline.query.api.CriticalPathApi;
import io.sightline.query.promql.PromqlEngine;
import io.sightline.query.traces.DependencySource;
import io.sightline.query.traces.ServiceGraphDependencies;
import io.sightline.storage.traces.LuceneTraceStore;
import io.sightline.ingest.loki.LokiPushConfig;
import io.sightline.ingest.loki.LokiPushService;
import io.sightline.ingest.otlp.OtlpIngest;
import io.sightline.ingest.otlp.OtlpMetricsConfig;
import io.sightline.ingest.otlp.OtlpMetricsMapper;
import io.sightline.ingest.otlp.grpc.OtlpGrpcConfig;
import io.sightline.ingest.otlp.grpc.OtlpGrpcReceiver;
import io.sightline.ingest.otlp.http.OtlpHttpService;
import io.sightline.ingest.prometheus.AdmissionConfig;
import io.sightline.ingest.prometheus.RemoteWriteService;
import io.sightline.ingest.prometheus.SampleWriter;
import io.sightline.ingest.scrape.ScrapeJob;
import io.sightline.ingest.scrape.Scraper;
import io.sightline.ingest.scrape.TargetHealth;
import io.sightline.query.api.LogqlExplainApi;
import io.sightline.query.api.loki.EngineTailFilter;
import io.sightline.query.api.loki.LokiApi;
import io.sightline.query.api.loki.LokiApiConfig;
import io.sightline.query.api.loki.StoreLogCatalogue;
import io.sightline.query.logql.LogqlEngine;
import io.sightline.query.logql.LogqlEngineConfig;
import io.sightline.query.logql.engine.GoLineTemplates;
import io.sightline.query.logql.engine.LineTemplates;
import io.sightline.query.template.TemplateLimits;
import io.sightline.query.api.LogSearchApi;
import io.sightline.query.api.prometheus.BuildInfo;
import io.sightline.query.api.prometheus.PrometheusApi;
import io.sightline.query.api.prometheus.PrometheusApiConfig;
import io.sightline.query.promql.EngineConfig;
import io.sightline.query.logs.LogSearchLimits;
import io.sightline.query.logs.LogSearchParameters;
import io.sightline.storage.logs.LogStoreConfig;
import io.sightline.storage.background.BackgroundThreads;
import io.sightline.storage.logs.LuceneLogStore;
import io.sightline.storage.tsdb.Tsdb;
import io.sightline.storage.tsdb.TsdbConfig;
import io.sightline.ingest.export.Exporters;
import io.sightline.storage.wal.WalConfig;
import io.sightline.storage.wal.WriteAheadLog;
import io.sightline.ui.LoadControl;
import io.sightline.ui.UiSources;
import io.sightline.ui.WebUi;
import io.sightline.appliance.alerting.AlertingMetrics;
import io.sightline.appliance.alerting.HangupReload;
import io.sightline.appliance.alerting.ReloadService;
import io.sightline.appliance.alerting.RuleScheduler;
import io.sightline.appliance.alerting.WalRecordedSamples;
import io.sightline.query.alerting.notify.AlertmanagerApi;
import io.sightline.query.alerting.notify.AlertmanagerApiConfig;
import io.sightline.query.alerting.notify.Notifications;
import io.sightline.query.rules.LogqlRuleLanguage;
import io.sightline.query.rules.RuleEvaluator;
import io.sightline.query.rules.RuleStatusSource;

/**
 * One running Sightline: storage, then ingest, then query and UI, wired by hand in that order and
 * closed in reverse. Start it with {@link #start(ApplianceConfig)}; it is ready when every receiver
 * and store is up. Also the embedding API: tests and demos start one in-process.
 */
public final class Appliance implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Appliance.class.getName());
    private static final String OTLP_SOCKET = "otlp";
    /** Where Loki's API lives, push and queries alike. */
    private static final String LOKI_PREFIX = "/loki/api/v1";
    /** The Loki version the Loki API reports: Grafana enables Loki 3 features (structured metadata) by it. */
    private static final String LOKI_VERSION = "3.5.0";
    private static final java.util.Set<String> LOKI_HANDLERS = java.util.Set.of("query", "query_range", "labels",
            "series", "index/stats", "tail", "status/buildinfo");
    /** How often backpressure re-reads WAL lags and free disk. */
    private static final long PRESSURE_UPDATE_MS = 250;
    /** How often WAL cycle files that every consumer has passed are deleted. */
    private static final long WAL_CLEANUP_SECONDS = 30;
    /** How long a rule's results may take to reach the TSDB before its group goes on without them. */
    private static final java.time.Duration RULE_WRITE_TIMEOUT = java.time.Duration.ofSeconds(10);
    /** Rule groups evaluated at the same time at most. */
    private static final int RULE_THREADS = 2;
    /** Prometheus API paths counted by name in the HTTP metrics; others count as "other". */
    private static final java.util.List<String> PROMETHEUS_HANDLERS = java.util.List.of("query", "query_range", "series",
            "labels", "metadata", "query_exemplars", "format_query", "status/buildinfo");

    private final StartedParts started = new StartedParts();
    private final ApplianceConfig config;
    /** Load runs for the UI's load page: the demo's, or against --ui.load.target; empty otherwise. */
    private Optional<LoadControl> load;
    private UiStatus uiStatus;
    private final InstantSource clock = InstantSource.system();
    private final Map<Signal, WriteAheadLog> wals = new EnumMap<>(Signal.class);
    private IngestHealth ingestHealth;
    private LuceneLogStore logStore;
    private LuceneTraceStore traceStore;
    private TracesApplier tracesApplier;
    private LogTail logTail;
    private LogqlEngine logqlEngine;
    private LogsApplier logsApplier;
    private Tsdb tsdb;
    private RuleStatusSource ruleStatus;
    private Notifications notifications;
    private Runnable ruleReload;
    private MetricsApplier metricsApplier;
    private OtlpGrpcReceiver grpcReceiver;
    private WebServer webServer;
    private volatile Scraper scraper;
    private volatile Exporters exporters;
    private String selfScrapeAddress;
    private volatile boolean ready;
    private volatile boolean closed;

    private Appliance(ApplianceConfig config, Optional<LoadControl> load) {
        this.config = config;
        this.load = load;
    }

    /** Starts an appliance; on failure closes what was started and rethrows. */
    public static Appliance start(ApplianceConfig config) {
        return start(config, Optional.empty());
    }

    /**
     * Starts an appliance whose load page starts and watches runs through {@code load} (the demo
     * hands its sample services' load runs); on failure closes what was started and rethrows.
     */
    public static Appliance start(ApplianceConfig config, Optional<LoadControl> load) {
        Appliance appliance = new Appliance(config, load);
        try {
            appliance.startAll();
            return appliance;
        } catch (RuntimeException | Error e) {
            appliance.close();
            throw e;
        }
    }

    private void startAll() {
        DataDirectory data = DataDirectory.open(config.dataDir());
        started.add(data);

        // The stores open in parallel: each Chronicle queue and the Lucene store map their own files,
        // and start-up time is mostly class loading and mapping, which two cores halve.
        Map<Signal, CompletableFuture<WriteAheadLog>> openingWals = new EnumMap<>(Signal.class);
        for (Signal signal : Signal.values()) {
            WalConfig walConfig = new WalConfig(data.wal(signal.walName()), config.syncPolicy(),
                    config.duration(Settings.WAL_SYNC_INTERVAL), config.duration(Settings.WAL_RETENTION_AGE),
                    config.bytes(Settings.WAL_RETENTION_BYTES));
            openingWals.put(signal, inParallel(() -> WriteAheadLog.open(signal.walName(), walConfig, clock)));
        }
        CompletableFuture<LuceneLogStore> openingLogStore = inParallel(() -> LuceneLogStore.open(new LogStoreConfig(
                data.logs(), config.duration(Settings.LOGS_REFRESH_INTERVAL), config.duration(Settings.LOGS_COMMIT_INTERVAL),
                config.integer(Settings.LOGS_INDEX_THREADS), (int) Math.max(1, config.bytes(Settings.LOGS_RAM_BUFFER) >> 20),
                config.duration(Settings.LOGS_RETENTION_AGE), config.bytes(Settings.LOGS_RETENTION_BYTES))
                .withScanLimits(config.integer(Settings.LOGS_SCAN_MAX_RECORDS), config.duration(Settings.LOGS_SCAN_MAX_DURATION)), clock));
        CompletableFuture<Tsdb> openingTsdb = inParallel(() -> Tsdb.open(tsdbConfig(data), clock));
        CompletableFuture<LuceneTraceStore> openingTraceStore = inParallel(
                () -> LuceneTraceStore.open(TraceSetup.storeConfig(config, data.traces()), clock));
        for (Signal signal : Signal.values()) {
            WriteAheadLog wal = joined(openingWals.get(signal));
            started.add(wal);
            wals.put(signal, wal);
        }
        logStore = joined(openingLogStore);
        started.add(logStore);
        tsdb = joined(openingTsdb);
        started.add(tsdb);
        traceStore = joined(openingTraceStore);
        started.add(traceStore);

        PrometheusRegistry registry = new PrometheusRegistry();
        SelfMetrics selfMetrics = new SelfMetrics(registry, wals, logStore, tsdb, traceStore, data);
        ApplyMetrics applyMetrics = new ApplyMetrics(registry);
        int maxLineBytes = intBytes(Settings.LOGS_MAX_LINE_BYTES);
        if (maxLineBytes <= 0) {
            throw new ConfigException(Settings.LOGS_MAX_LINE_BYTES.key() + " must be at least 1 byte");
        }
        logTail = new LogTail(logStore);
        logsApplier = new LogsApplier(wals.get(Signal.LOGS), logTail, applyMetrics, maxLineBytes).start();
        started.add(logsApplier);
        OtlpMetricsConfig otlpMetrics = otlpMetricsConfig();
        metricsApplier = new MetricsApplier(wals.get(Signal.METRICS), tsdb, otlpMetrics, applyMetrics).start();
        started.add(metricsApplier);
        // One series space for OTLP, remote_write and the metrics derived from spans: one writer
        // admits samples to the metrics WAL.
        SampleWriter samples = new SampleWriter(wals.get(Signal.METRICS), admissionConfig(), clock);
        // Closed before the metrics WAL (the stack's order): closing writes the derived series once more.
        tracesApplier = new TracesApplier(wals.get(Signal.TRACES), traceStore, samples,
                TraceSetup.derivedConfig(config), applyMetrics, clock).start();
        started.add(tracesApplier);
        // Closed before the WALs (the stack's order): each saves the position it reached.
        exporters = ExportSettings.build(config, wals, data.export(), maxLineBytes, registry, clock);
        started.add(exporters);
        List<ScrapeJob> scrapeJobs = ScrapeSettings.fileJobs(config);
        logqlEngine = logqlEngine();
        ruleReload = startRules(samples);
        AlertingMetrics.register(registry, ruleStatus, notifications);
        ScheduledExecutorService compaction = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("tsdb-compaction").daemon().factory());
        started.add(() -> stopAndWait(compaction));
        // At least 1 ms: the executor refuses a zero delay.
        long compactionMs = Math.max(1, config.duration(Settings.METRICS_COMPACTION_INTERVAL).toMillis());
        compaction.scheduleWithFixedDelay(guarded("TSDB compaction", () -> {
            BackgroundThreads.lowerCurrentThreadPriority();
            tsdb.compact();
        }), compactionMs, compactionMs, TimeUnit.MILLISECONDS);

        StoragePressure pressure = new StoragePressure(wals, config.integer(Settings.MAX_WAL_LAG),
                config.bytes(Settings.MIN_FREE_DISK), data::freeBytes);
        pressure.update();
        ScheduledExecutorService maintenance = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("appliance-maintenance").daemon().factory());
        started.add(maintenance::shutdownNow);
        maintenance.scheduleWithFixedDelay(guarded("backpressure update", pressure::update),
                PRESSURE_UPDATE_MS, PRESSURE_UPDATE_MS, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(guarded("WAL cleanup", this::deleteObsoleteWalCycles),
                0, WAL_CLEANUP_SECONDS, TimeUnit.SECONDS);

        IngestLimits limits = new IngestLimits(Math.toIntExact(Math.min(Integer.MAX_VALUE, config.bytes(Settings.MAX_REQUEST_BYTES))),
                config.integer(Settings.MAX_ATTRIBUTES),
                Math.toIntExact(Math.min(Integer.MAX_VALUE, config.bytes(Settings.MAX_ATTRIBUTE_VALUE_BYTES))));
        IngestMetrics ingestMetrics = new IngestMetrics(registry);
        ingestHealth = new IngestHealth(wals, ingestMetrics::acceptedItems, signal -> switch (signal) {
            case LOGS -> logStore.sizeBytes();
            case TRACES -> traceStore.sizeBytes();
            case METRICS -> tsdb.blocks().stream().mapToLong(Tsdb.BlockInfo::sizeBytes).sum();
        }, System::nanoTime);
        maintenance.scheduleWithFixedDelay(guarded("ingest health sample", ingestHealth::sample),
                IngestHealth.SAMPLE_INTERVAL_MS, IngestHealth.SAMPLE_INTERVAL_MS, TimeUnit.MILLISECONDS);
        uiStatus = new UiStatus(config, clock.instant(), ingestHealth,
                new StorageInventory(wals, tsdb, data.logs(), data.traces()), new WalLags(wals, System::nanoTime),
                new RuntimeFigures(), exporters::states);
        OtlpIngest ingest = new OtlpIngest(wals, limits, pressure, ingestMetrics,
                new OtlpMetricsMapper(otlpMetrics, clock), samples);
        RemoteWriteService remoteWrite = new RemoteWriteService(samples, limits, pressure, ingestMetrics);
        LokiPushService lokiPush = new LokiPushService(wals.get(Signal.LOGS), lokiPushConfig(), pressure, ingestMetrics, clock);
        LokiApi lokiApi = lokiApi();
        // The gRPC server starts while Helidon builds: independent, and each mostly class loading.
        CompletableFuture<OtlpGrpcReceiver> startingGrpc = inParallel(
                () -> new OtlpGrpcReceiver(new OtlpGrpcConfig(config.bind(), config.otlpGrpcPort()), ingest).start());

        LogSearchParameters searchParameters = new LogSearchParameters(
                new LogSearchLimits(config.integer(Settings.QUERY_MAX_LOG_LIMIT), config.duration(Settings.QUERY_TIMEOUT)), clock);
        Optional<LoadPageTarget> loadTarget = load.isPresent() ? Optional.empty() : LoadPageTarget.of(config, clock);
        loadTarget.ifPresent(target -> {
            started.add(target.runs);
            load = Optional.of(target.runs);
        });
        webServer = WebServer.builder()
                .host(config.bind())
                .port(config.httpPort())
                .shutdownHook(false)
                // Without TCP_NODELAY an answer written in two segments (headers, then body) waits
                // for the client's delayed ACK: ~40 ms on every keep-alive request.
                .connectionOptions(options -> options.tcpNoDelay(true))
                // remote_write's snappy passes through; gzip (Loki push JSON) is decoded, bounded by the reader.
                .contentEncoding(LokiPushService.contentEncoding())
                // Prometheus takes raw [ and ] in query strings (curl -g '...?match[]=up'); Helidon's
                // request-line check refuses them. The API decodes its parameters strictly itself.
                .addProtocol(PrometheusApi.http1Config())
                .routing(routing -> apiRouting(routing, selfMetrics, registry, searchParameters, remoteWrite, lokiPush, lokiApi))
                .addRouting(lokiApi.tailRouting(LOKI_PREFIX))
                .putSocket(OTLP_SOCKET, listener -> listener
                        .host(config.bind())
                        .port(config.otlpHttpPort())
                        .connectionOptions(options -> options.tcpNoDelay(true))
                        .contentEncoding(OtlpHttpService.contentEncoding())
                        .routing(routing -> routing.register(new OtlpHttpService(ingest))))
                .build()
                .start();
        started.add(webServer::stop);
        try {
            grpcReceiver = joined(startingGrpc);
        } catch (java.io.UncheckedIOException e) {
            throw cannotListen(Settings.OTLP_GRPC_PORT, config.otlpGrpcPort(), e.getCause());
        }
        started.add(grpcReceiver);
        // Helidon logs a listener that cannot bind and stops the whole server, but does not throw.
        if (webServer.port() < 0 || webServer.port(OTLP_SOCKET) < 0) {
            throw cannotListen(cannotBind(config.otlpHttpPort()) ? Settings.OTLP_HTTP_PORT : Settings.HTTP_PORT,
                    cannotBind(config.otlpHttpPort()) ? config.otlpHttpPort() : config.httpPort(), null);
        }
        String localHost = config.bind().equals("0.0.0.0") || config.bind().equals("::") ? "127.0.0.1"
                : config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        if (!config.text(ScrapeSettings.CONFIG_FILE).isEmpty() || config.flag(ScrapeSettings.SELF)) {
            selfScrapeAddress = localHost + ":" + webServer.port();
            // Closed before the web server and the metrics WAL (the stack's order).
            scraper = new Scraper(ScrapeSettings.jobs(config, scrapeJobs, selfScrapeAddress), samples, clock).start();
            started.add(scraper);
        }
        loadTarget.ifPresent(target -> target.aim(java.net.URI.create("http://" + localHost + ":" + otlpHttpPort())));
        ready = true;
        // Not needed to serve: JVM metrics (their MXBeans load slowly) and the page templates are
        // set up after readiness, so the first scrape or page view finds them.
        inParallel(() -> {
            selfMetrics.registerJvmMetrics();
            WebUi.warmUp();
            return null;
        });
        LOG.info(() -> "Sightline " + Version.current() + " ready: UI and APIs on http://" + config.bind() + ":" + httpPort()
                + ", OTLP/gRPC on " + otlpGrpcPort() + ", OTLP/HTTP on " + otlpHttpPort() + ", data in " + data.root());
    }

    /** Whether {@code port} cannot be bound now: which listener made Helidon fail. */
    private boolean cannotBind(int port) {
        if (port == 0) {
            return false;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.bind(new java.net.InetSocketAddress(config.bind(), port));
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private ConfigException cannotListen(Setting port, int value, Throwable cause) {
        String reason = cause == null ? "the address is in use or not available" : cause.getMessage();
        return new ConfigException("cannot listen on " + config.bind() + ":" + value + " (" + port.key() + "): " + reason
                + "; choose another " + port.flag() + " or stop what uses it");
    }

    /**
     * Re-reads {@code scrape.config-file} on a reload (SIGHUP, {@code POST /-/reload}): unchanged
     * targets keep scraping, removed ones get stale markers; a bad file keeps the running targets
     * and throws {@link IllegalArgumentException} naming the problem.
     */
    /**
     * Re-reads {@code export.config-file} on a reload: unchanged exporters run on, changed ones
     * restart from their positions, removed ones stop; a bad file keeps the running exporters.
     */
    private void reloadExporters() {
        Exporters current = exporters;
        if (current == null || config.text(ExportSettings.CONFIG_FILE).isEmpty()) {
            return;
        }
        try {
            current.apply(ExportSettings.exporters(config));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IllegalArgumentException(ExportSettings.CONFIG_FILE.key() + ": " + e.getMessage(), e);
        }
    }

    private void reloadScrapeConfig() {
        Scraper current = scraper;
        if (current == null || config.text(ScrapeSettings.CONFIG_FILE).isEmpty()) {
            return;
        }
        List<ScrapeJob> jobs;
        try {
            jobs = ScrapeSettings.jobs(config, ScrapeSettings.fileJobs(config), selfScrapeAddress);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        current.reload(jobs);
    }

    /** Every scrape target's state (empty when nothing is scraped). */
    List<TargetHealth> scrapeTargets() {
        Scraper current = scraper;
        return current == null ? List.of() : current.targets();
    }

    private void apiRouting(HttpRouting.Builder routing, SelfMetrics selfMetrics, PrometheusRegistry registry,
                            LogSearchParameters searchParameters, RemoteWriteService remoteWrite,
                            LokiPushService lokiPush, LokiApi lokiApi) {
        routing.addFilter((chain, request, response) -> {
            long start = System.nanoTime();
            try {
                chain.proceed();
            } finally {
                selfMetrics.observeHttp(handlerOf(request.prologue().uriPath().path()), response.status().code(), System.nanoTime() - start);
            }
        });
        routing.register("/-", new HealthService(this::ready), new ReloadService(ruleReload))
                // Alertmanager's API v2 over the built-in notifier, before Jaeger's /api answers every other /api path
                .register(new AlertmanagerApi(notifications, AlertmanagerApiConfig.DEFAULT, buildInfo()))
                .register("/metrics", new MetricsService(registry))
                // Before /api/v1: the Prometheus API answers every other /api/v1 path.
                .register("/api/v1/traces", new CriticalPathApi(traceStore))
                .register("/api/v1", new ScrapeTargetsService(this::scrapeTargets))
                .register("/api/v1", new ExportersService(exporters::states))
                .register("/api/v1/logs", new LogSearchApi(logStore, searchParameters),
                        new LogqlExplainApi(logqlEngine, config.duration(Settings.QUERY_TIMEOUT), clock))
                .register(remoteWrite)
                .register(lokiPush)
                // After the push: it answers every other /loki/api/v1 path (404).
                .register(LOKI_PREFIX, lokiApi)
                // After the log search and remote_write: it answers every other /api/v1 path (404 not_found).
                .register("/api/v1", new PrometheusApi(tsdb, engineConfig(), PrometheusApiConfig.defaults(),
                        buildInfo(), clock, System::nanoTime, ruleStatus))
                .register("/tempo", TraceSetup.tempoApi(config, traceStore, clock))
                // Last of /api: it answers every other /api path (404), and /api/v1 is registered above.
                .register("/api", TraceSetup.jaegerApi(config, traceStore, dependencies(), clock))
                .register("/", new WebUi(new UiSources(tsdb, engineConfig(), logStore, searchParameters, logqlEngine,
                        traceStore, () -> ruleStatus, () -> notifications, uiStatus,
                        load, clock), UiSettings.limits(config)));
    }

    /** A bounded label for a request path: never the raw path, which would grow without end. */
    private static String handlerOf(String path) {
        if (path.startsWith("/api/v1/logs")) {
            return path.equals("/api/v1/logs/explain") ? path : "/api/v1/logs/search";
        }
        if (path.equals(RemoteWriteService.PATH) || path.equals(LokiPushService.PATH)) {
            return path;
        }
        for (String api : PROMETHEUS_HANDLERS) {
            if (path.equals("/api/v1/" + api)) {
                return path;
            }
        }
        if (path.startsWith("/api/v1/label/")) {
            return "/api/v1/label/:name/values";
        }
        if (path.startsWith(LOKI_PREFIX + "/")) {
            String endpoint = path.substring(LOKI_PREFIX.length() + 1);
            if (endpoint.startsWith("label/")) {
                return LOKI_PREFIX + "/label/:name/values";
            }
            return LOKI_HANDLERS.contains(endpoint) ? path : "other";
        }
        if (path.startsWith("/-/") || path.equals("/metrics") || path.equals("/logs") || path.equals("/")) {
            return path;
        }
        String traces = TraceSetup.handlerOf(path);
        return traces != null ? traces : "other";
    }

    private void deleteObsoleteWalCycles() {
        for (WriteAheadLog wal : wals.values()) {
            int deleted = wal.deleteObsoleteCycles();
            if (deleted > 0) {
                LOG.fine(() -> "deleted " + deleted + " cycle files of the " + wal.name() + " WAL");
            }
        }
    }

    /** Whether every receiver and store is up, the store can write and its applier runs. */
    public boolean ready() {
        return ready && !closed && logStore.healthy() && logsApplier.healthy() && metricsApplier.healthy()
                && traceStore.healthy() && tracesApplier.healthy();
    }

    public int httpPort() {
        return webServer.port();
    }

    public int otlpHttpPort() {
        return webServer.port(OTLP_SOCKET);
    }

    public int otlpGrpcPort() {
        return grpcReceiver.port();
    }

    /** Stops receiving, lets the stores finish and commit what they have, and releases the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ready = false;
        started.closeAll();
    }

    private TsdbConfig tsdbConfig(DataDirectory data) {
        // The TSDB checks the same series and label limits as admission, so nothing admitted is refused.
        return TsdbConfig.defaults(data.metrics())
                .withBlockRange(config.duration(Settings.METRICS_BLOCK_RANGE))
                .withRetention(config.duration(Settings.METRICS_RETENTION_AGE), config.bytes(Settings.METRICS_RETENTION_BYTES))
                .withSeriesLimits(config.integer(Settings.METRICS_MAX_SERIES), config.integer(Settings.METRICS_MAX_SERIES_PER_METRIC))
                .withLabelLimits(config.integer(Settings.METRICS_MAX_LABEL_NAME_BYTES),
                        config.integer(Settings.METRICS_MAX_LABEL_VALUE_BYTES), config.integer(Settings.METRICS_MAX_LABELS))
                .withMaxExemplars(config.integer(Settings.METRICS_MAX_EXEMPLARS));
    }

    /**
     * The rule engine over the TSDB, its results written through the metrics WAL, and its schedule;
     * the rule files are read now, and a bad one stops start-up naming its problems.
     */
    private Runnable startRules(SampleWriter samples) {
        notifications = started.add(Notifications.start(RuleSetup.notificationConfig(config), clock));
        WalRecordedSamples results = new WalRecordedSamples(samples, metricsApplier::appliedIndex, RULE_WRITE_TIMEOUT);
        RuleEvaluator metricRules = new RuleEvaluator(new PromqlEngine(engineConfig()), tsdb, results, notifications,
                RuleSetup.evaluatorConfig(config));
        RuleEvaluator logRules = new RuleEvaluator(new LogqlRuleLanguage(logqlEngine, config.integer(Settings.QUERY_LOGQL_MAX_SERIES),
                config.duration(Settings.QUERY_TIMEOUT)), tsdb, results, notifications, RuleSetup.evaluatorConfig(config),
                System::nanoTime);
        ruleStatus = RuleSetup.both(metricRules, logRules);
        RuleScheduler metricSchedule = started.add(new RuleScheduler(metricRules, RuleSetup.metricRuleFiles(config), clock, RULE_THREADS));
        RuleScheduler logSchedule = started.add(new RuleScheduler(logRules, RuleSetup.logRuleFiles(config), clock, 1));
        Runnable reload = () -> {
            metricSchedule.reload();
            logSchedule.reload();
            reloadScrapeConfig();
            reloadExporters();
        };
        try {
            reload.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(RuleSettings.FILES.flag() + ", " + RuleSettings.LOGQL_FILES.flag() + ", "
                    + RuleSettings.SLO_FILES.flag() + ": " + e.getMessage());
        }
        HangupReload.install(reload);
        return reload;
    }

    /** Jaeger's dependency links, from the service-graph counters in the TSDB. */
    private DependencySource dependencies() {
        return new ServiceGraphDependencies(new PromqlEngine(engineConfig()), tsdb);
    }

    private EngineConfig engineConfig() {
        EngineConfig defaults = EngineConfig.defaults();
        return new EngineConfig(config.duration(Settings.QUERY_LOOKBACK_DELTA), config.duration(Settings.QUERY_TIMEOUT),
                config.integer(Settings.QUERY_MAX_SAMPLES), config.integer(Settings.QUERY_MAX_SERIES),
                defaults.maxPointsPerSeries(), defaults.defaultSubqueryStep(), config.flag(Settings.QUERY_PROMETHEUS_2_SEMANTICS));
    }

    /**
     * What /api/v1/status/buildinfo says: a Prometheus version, because Grafana picks the PromQL
     * features it uses by it and the engine follows Prometheus 3; Sightline's own in the revision.
     */
    private static BuildInfo buildInfo() {
        return new BuildInfo("3.0.0", "sightline-" + Version.current(), "sightline", "sightline", "",
                "java" + Runtime.version().feature());
    }

    /** LogQL over the log store, for the Loki API (and later the UI and log-based rules). */
    private LogqlEngine logqlEngine() {
        return new LogqlEngine(logStore, lineTemplates(), new LogqlEngineConfig(
                config.integer(Settings.QUERY_LOGQL_MAX_SERIES), config.integer(Settings.QUERY_MAX_LOG_LIMIT),
                config.integer(Settings.QUERY_LOGQL_MAX_SAMPLES)), System::nanoTime);
    }

    private LineTemplates lineTemplates() {
        return new GoLineTemplates(clock, TemplateLimits.defaults());
    }

    private LokiApi lokiApi() {
        LokiApiConfig defaults = LokiApiConfig.defaults();
        LokiApiConfig lokiConfig = new LokiApiConfig(config.integer(Settings.QUERY_MAX_LOG_LIMIT),
                config.integer(Settings.QUERY_LOGQL_MAX_SERIES), defaults.maxPointsPerSeries(), config.duration(Settings.QUERY_TIMEOUT),
                defaults.maxFormBytes(), config.integer(Settings.LOKI_TAIL_QUEUE), config.integer(Settings.LOKI_MAX_TAIL_CLIENTS),
                defaults.maxTailDelay(), defaults.maxDroppedReported());
        return new LokiApi(logqlEngine, new StoreLogCatalogue(logStore), logTail, new EngineTailFilter(lineTemplates()), lokiConfig,
                lokiBuildInfo(), clock);
    }

    /** What /loki/api/v1/status/buildinfo says: a Loki 3 version, by which Grafana picks the features it uses. */
    private static BuildInfo lokiBuildInfo() {
        return new BuildInfo(LOKI_VERSION, "sightline-" + Version.current(), "sightline", "sightline", "",
                "java" + Runtime.version().feature());
    }

    private LokiPushConfig lokiPushConfig() {
        try {
            return new LokiPushConfig(intBytes(Settings.LOKI_MAX_REQUEST_BYTES), config.integer(Settings.LOKI_MAX_LABELS),
                    config.integer(Settings.LOKI_MAX_LABEL_NAME_BYTES), config.integer(Settings.LOKI_MAX_LABEL_VALUE_BYTES),
                    config.duration(Settings.LOKI_REJECT_OLD_SAMPLES_MAX_AGE), config.duration(Settings.LOKI_CREATION_GRACE_PERIOD),
                    config.names(Settings.LOKI_DISCOVER_SERVICE_NAME));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** A size setting as an int, at most Integer.MAX_VALUE bytes; 0 is refused by the part that takes it. */
    private int intBytes(Setting setting) {
        return (int) Math.min(Integer.MAX_VALUE, config.bytes(setting));
    }

    private AdmissionConfig admissionConfig() {
        return new AdmissionConfig(java.time.Duration.ZERO, config.integer(Settings.METRICS_MAX_SERIES),
                config.integer(Settings.METRICS_MAX_SERIES_PER_METRIC), config.integer(Settings.METRICS_MAX_LABELS),
                config.integer(Settings.METRICS_MAX_LABEL_NAME_BYTES), config.integer(Settings.METRICS_MAX_LABEL_VALUE_BYTES),
                config.duration(Settings.METRICS_SERIES_IDLE_TIMEOUT), config.duration(Settings.METRICS_METADATA_REFRESH));
    }

    private OtlpMetricsConfig otlpMetricsConfig() {
        try {
            return new OtlpMetricsConfig(config.names(Settings.METRICS_PROMOTE_RESOURCE_ATTRIBUTES),
                    config.flag(Settings.METRICS_PROMOTE_SCOPE_METADATA), config.integer(Settings.METRICS_EXPONENTIAL_MAX_SCALE),
                    config.integer(Settings.METRICS_EXPONENTIAL_MAX_BUCKETS), config.duration(Settings.METRICS_DELTA_IDLE_TIMEOUT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    private static void stopAndWait(ExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }

    /** Runs {@code task} on a new platform thread (start-up work only, so no pool to close). */
    private static <T> CompletableFuture<T> inParallel(java.util.function.Supplier<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread.ofPlatform().name("appliance-start").daemon().start(() -> {
            try {
                result.complete(task.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** The result of a start-up step, its own exception rethrown as it was. */
    private static <T> T joined(CompletableFuture<T> step) {
        try {
            return step.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static Runnable guarded(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, what + " failed", e);
            }
        };
    }
}
