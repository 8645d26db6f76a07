package io.sightline.sample.services;

/**
 * What one service's code is built from: its telemetry, HTTP instruments, faults, log and
 * instrumented route registrar, all belonging to that service alone.
 */
record ServiceKit(String name, ServiceTelemetry telemetry, HttpInstruments instruments, FaultState faults,
                  RequestLog log, InstrumentedRoutes routes) {

    static ServiceKit create(String name, SampleServicesConfig config) {
        ServiceTelemetry telemetry = ServiceTelemetry.create(name, config.otlpEndpoint(), config.exportInterval());
        HttpInstruments instruments = new HttpInstruments(telemetry.meter());
        FaultState faults = new FaultState(name, config.faultsOf(name));
        RequestLog log = new RequestLog(telemetry.logger());
        return new ServiceKit(name, telemetry, instruments, faults, log,
                new InstrumentedRoutes(telemetry, instruments, faults, log));
    }

    /** A client for the next service, instrumented as this service. */
    DependencyClient clientFor(String dependency, java.net.URI base) {
        return new DependencyClient(dependency, base, telemetry, instruments, faults, log);
    }
}
