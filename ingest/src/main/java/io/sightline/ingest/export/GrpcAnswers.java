package io.sightline.ingest.export;

import java.net.ConnectException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/**
 * Classifies a failed OTLP/gRPC call as the OTLP specification's "OTLP/gRPC Response → Failures"
 * table does: CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE and DATA_LOSS are
 * retryable; RESOURCE_EXHAUSTED only when the status carries a {@code google.rpc.RetryInfo} (the
 * server says it can recover); every other code is rejected. A {@code RetryInfo}'s
 * {@code retry_delay} becomes the retryable outcome's wait, whatever the code.
 */
final class GrpcAnswers {
    private static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.CANCELLED, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.OUT_OF_RANGE, Status.Code.UNAVAILABLE, Status.Code.DATA_LOSS);

    private GrpcAnswers() {
    }

    /**
     * @param failure the call's exception (a {@code StatusRuntimeException} normally)
     * @param timeout the call's deadline, for the DEADLINE_EXCEEDED reason
     * @param target  where the call went, for network reasons
     */
    static SendOutcome classify(Throwable failure, Duration timeout, String target) {
        Status status = Status.fromThrowable(failure);
        com.google.rpc.Status detail = StatusProto.fromThrowable(failure);
        Duration retryDelay = detail == null ? null : retryDelay(detail);
        String reason = reason(status, timeout, target);
        if (RETRYABLE.contains(status.getCode())
                || status.getCode() == Status.Code.RESOURCE_EXHAUSTED && retryDelay != null) {
            return new SendOutcome.Retryable(reason, retryDelay);
        }
        return new SendOutcome.Rejected(reason);
    }

    private static String reason(Status status, Duration timeout, String target) {
        String code = "gRPC " + status.getCode();
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "timed out after " + seconds(timeout) + " calling " + target + " (" + code + ")";
        }
        if (status.getCode() == Status.Code.UNAVAILABLE && causedBy(status.getCause(), ConnectException.class)) {
            return "connection refused to " + target + " (" + code + ")";
        }
        String description = status.getDescription();
        if (description == null && status.getCause() != null) {
            description = status.getCause().toString();
        }
        return description == null || description.isEmpty() ? code : code + ": " + description;
    }

    /** The {@code RetryInfo} delay among the status details, or null when there is none. */
    private static Duration retryDelay(com.google.rpc.Status detail) {
        for (Any any : detail.getDetailsList()) {
            if (any.is(RetryInfo.class)) {
                try {
                    com.google.protobuf.Duration delay = any.unpack(RetryInfo.class).getRetryDelay();
                    return Duration.ofSeconds(delay.getSeconds(), delay.getNanos());
                } catch (InvalidProtocolBufferException e) {
                    return null; // a RetryInfo we cannot read says nothing we can act on
                }
            }
        }
        return null;
    }

    private static boolean causedBy(Throwable cause, Class<? extends Throwable> type) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
