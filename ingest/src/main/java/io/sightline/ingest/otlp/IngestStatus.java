package io.sightline.ingest.otlp;

import com.google.rpc.Code;

/**
 * Every answer a receiver gives, with its HTTP status and gRPC code: the one place where outcomes
 * map to protocol status (see the table in the module README).
 */
public enum IngestStatus {
    /** Written to the WAL; possibly with some items rejected (OTLP partial success). */
    OK(200, Code.OK),
    /** Undecodable, or every item failed validation. */
    INVALID(400, Code.INVALID_ARGUMENT),
    /** Body over {@code ingest.max-request-bytes}. */
    TOO_LARGE(413, Code.RESOURCE_EXHAUSTED),
    /** Neither {@code application/x-protobuf} nor {@code application/json} (HTTP only). */
    UNSUPPORTED_MEDIA_TYPE(415, Code.INVALID_ARGUMENT),
    /** WAL consumers lag: retry later (Retry-After / RetryInfo). */
    OVERLOADED(429, Code.RESOURCE_EXHAUSTED),
    /** Disk full, shutting down, or the WAL failed: retry later. */
    UNAVAILABLE(503, Code.UNAVAILABLE),
    /** A bug; logged with its stack. */
    INTERNAL(500, Code.INTERNAL);

    private final int httpStatus;
    private final Code grpcCode;

    IngestStatus(int httpStatus, Code grpcCode) {
        this.httpStatus = httpStatus;
        this.grpcCode = grpcCode;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The gRPC status code (google.rpc.Code has the same numbers as io.grpc.Status.Code). */
    public Code grpcCode() {
        return grpcCode;
    }
}
