package io.sightline.ingest.loki;

/**
 * The push body cannot be read at all (broken snappy, protobuf or JSON, an unreadable timestamp):
 * the whole request is answered 400 with this message, nothing is written.
 */
final class MalformedPushException extends RuntimeException {
    MalformedPushException(String message) {
        super(message, null, false, false);
    }
}
